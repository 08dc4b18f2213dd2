/**
 * Portolan's jq engine (jq 1.8.2 semantics). Other code imports only this file.
 *
 *   const program = compileJq(".head.repo.name + (.id | tostring)");
 *   program.first(pullRequest); // { found: true, value: "portolan42" }
 */
import type { Node } from "./ast.js";
import { Budget, DEFAULT_LIMITS, JqBudgetExceeded, type JqLimits } from "./budget.js";
import { getBuiltins } from "./builtins/index.js";
import { DecimalLiteral, toPlain } from "./decimal.js";
import { JqBreak, JqCompileError, JqRuntimeError, JqSyntaxError, JqThrow } from "./errors.js";
import { Interpreter } from "./evaluate.js";
import { parse } from "./parser.js";
import { checkScopes } from "./resolve.js";
import { markSingle } from "./single.js";
import { toJson } from "./values.js";

export { DEFAULT_LIMITS, type JqLimits } from "./budget.js";
export { JqCompileError, JqRuntimeError } from "./errors.js";
/** jq's own compact JSON text of a value (number formatting as jq prints it), for `portolan jq`. */
export { toJson as toJqJson } from "./values.js";

export interface JqOptions {
  /** What `env` and `$ENV` see; defaults to `process.env`. */
  env?: Readonly<Record<string, string>>;
  /**
   * Time and size budget of each evaluation (`first` call or `outputs` iteration); a filter that exceeds
   * it stops with a JqRuntimeError ("evaluation stopped: ..."), which `try` cannot catch. Defaults: DEFAULT_LIMITS.
   */
  limits?: Partial<JqLimits>;
}

export interface JqProgram {
  readonly source: string;
  /** Lazily yields outputs, like `jq -c` would print them; throws JqRuntimeError on an uncaught error. */
  outputs(input: unknown): Iterable<unknown>;
  /** First output only (Ocean's rule); `{ found: false }` when the program yields nothing. Throws JqRuntimeError. */
  first(input: unknown): { found: true; value: unknown } | { found: false };
}

/** Parses and checks `filter` once; the returned program can be run on any number of inputs. */
export function compileJq(filter: string, options: JqOptions = {}): JqProgram {
  const builtins = getBuiltins();
  let ast: Node;
  try {
    ast = parse(filter);
    checkScopes(ast, builtins);
    markSingle(ast);
  } catch (e) {
    if (e instanceof JqSyntaxError) throw toCompileError(e, filter);
    throw e;
  }
  const interpreter = new Interpreter({
    envVars: options.env ?? process.env,
    natives: builtins.natives,
    prelude: builtins.prelude,
  });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  return new CompiledProgram(filter, ast, interpreter, mayYieldDecimals(ast), limits);
}

/** Whether outputs can hold decimal literals (kept number texts), which callers must receive as doubles. */
function mayYieldDecimals(ast: Node): boolean {
  let found = false;
  const visit = (v: unknown): void => {
    if (found || v === null || typeof v !== "object") return;
    if (v instanceof DecimalLiteral) {
      found = true;
      return;
    }
    const node = v as { type?: string; name?: string };
    // The builtins that read number texts (none of the jq-defined builtins calls them).
    if (node.type === "Call" && (node.name === "fromjson" || node.name === "tonumber")) {
      found = true;
      return;
    }
    for (const child of Object.values(v)) visit(child);
  };
  visit(ast);
  return found;
}

function toCompileError(e: JqSyntaxError, source: string): JqCompileError {
  const { pos, length } = e;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return new JqCompileError(e.message, source, line, pos - lineStart + 1, length);
}

/** jq prints a non-string error value as `<json> (not a string)`. */
function runtimeError(e: JqThrow): JqRuntimeError {
  const v = e.value;
  const message = typeof v === "string" ? v : `${toJson(v)} (not a string)`;
  return new JqRuntimeError(message, v);
}

class CompiledProgram implements JqProgram {
  constructor(
    readonly source: string,
    private readonly ast: Node,
    private readonly interpreter: Interpreter,
    private readonly decimals: boolean,
    private readonly limits: JqLimits,
  ) {}

  *outputs(input: unknown): Iterable<unknown> {
    const budget = new Budget(this.limits);
    const it = budget.run(() => this.interpreter.eval(this.ast, input, null));
    try {
      while (true) {
        let r: IteratorResult<unknown>;
        try {
          r = budget.run(() => it.next());
        } catch (e) {
          throw translate(e);
        }
        if (r.done) return;
        yield this.decimals ? toPlain(r.value) : r.value;
      }
    } finally {
      // A consumer that stops early closes the producers too.
      it.return(undefined);
    }
  }

  first(input: unknown): { found: true; value: unknown } | { found: false } {
    return new Budget(this.limits).run(() => this.firstWithin(input));
  }

  private firstWithin(input: unknown): { found: true; value: unknown } | { found: false } {
    if (this.ast.single === true) {
      try {
        const value = this.interpreter.one(this.ast, input, null);
        return { found: true, value: this.decimals ? toPlain(value) : value };
      } catch (e) {
        throw translate(e);
      }
    }
    const it = this.interpreter.eval(this.ast, input, null);
    try {
      const r = it.next();
      if (r.done) return { found: false };
      it.return(undefined);
      return { found: true, value: this.decimals ? toPlain(r.value) : r.value };
    } catch (e) {
      throw translate(e);
    }
  }
}

function translate(e: unknown): unknown {
  if (e instanceof JqThrow) return runtimeError(e);
  if (e instanceof JqBreak) return new JqRuntimeError("break", null);
  if (e instanceof JqBudgetExceeded) return new JqRuntimeError(e.message, e.message);
  // V8's own ceilings on string and array sizes, should a value slip past the size budget.
  if (e instanceof RangeError && /Invalid (string|array) length/.test(e.message)) {
    return new JqRuntimeError("evaluation stopped: built a value larger than the engine holds", e.message);
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new JqRuntimeError("jq program recursed too deeply", null);
  }
  return e;
}
