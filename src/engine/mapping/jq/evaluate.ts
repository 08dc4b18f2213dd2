/**
 * The jq interpreter: every filter is a lazy generator, so `first(f)`, `limit`, `label`/`break` stop the
 * producers early. Two modes share the scope rules: values (`eval`) and path tracking (`paths`), the latter
 * for `path(f)`, assignments and `del`.
 */
import { indexValue, iterableValues, iterateError, sliceValue } from "./access.js";
import type { FuncDef, Node, Pattern } from "./ast.js";
import { applyFormat } from "./builtins/formats.js";
import type { NativeFunction } from "./builtins/native.js";
import { DecimalLiteral, negateDecimal, toDouble } from "./decimal.js";
import {
  bindVar,
  type Closure,
  type Env,
  lookupFunction,
  lookupVar,
  type Path,
  type PathValue,
} from "./environment.js";
import { JqBreak, JqThrow } from "./errors.js";
import { binaryOp } from "./operators.js";
import { NOT_HANDLED, setOwned } from "./owned-write.js";
import { deletePaths, getPath, setPath } from "./path-update.js";
import { type InPlaceUpdate, planInPlace } from "./reduce-in-place.js";
import {
  describeValue,
  dumpForError,
  isObject,
  isTruthy,
  type JsonObject,
  setKey,
  toJson,
  typeOf,
} from "./values.js";

export interface InterpreterOptions {
  readonly envVars: Readonly<Record<string, string | undefined>>;
  readonly natives: ReadonlyMap<string, NativeFunction>;
  readonly prelude: ReadonlyMap<string, FuncDef>;
}

const NO_VALUE = Symbol("no value");

export class Interpreter {
  constructor(readonly options: InterpreterOptions) {}

  private env: JsonObject | undefined;

  /** `$ENV` / `env`, built once per program (callers receive it frozen: programs cannot change it). */
  envObject(): JsonObject {
    if (this.env === undefined) {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(this.options.envVars)) if (v !== undefined) setKey(out, k, v);
      this.env = Object.freeze(out);
    }
    return this.env;
  }

  // ---------------------------------------------------------------- values

  /**
   * The outputs of `node` for `input`, lazily. Each node kind has its own small generator: nested generators
   * cost JS stack per level, and a large shared frame would limit recursion depth.
   */
  eval(node: Node, input: unknown, env: Env): Generator<unknown, void, undefined> {
    if (node.single === true) return this.evSingle(node, input, env);
    switch (node.type) {
      case "Identity":
      case "Literal":
      case "Var":
      case "Format":
        // Always marked single; kept for nodes evaluated before marking.
        return this.evSingle(node, input, env);
      case "Index":
        return this.evIndex(node, input, env);
      case "Slice":
        return this.evSlice(node, input, env);
      case "Iterate":
        return this.evIterate(node, input, env);
      case "Pipe":
        return this.evPipe(node, input, env);
      case "Comma":
        return this.evComma(node, input, env);
      case "Neg":
        return this.evNeg(node, input, env);
      case "Binary":
        return this.evBinary(node, input, env);
      case "And":
        return this.evAnd(node, input, env);
      case "Or":
        return this.evOr(node, input, env);
      case "Alt":
        return this.evAlt(node, input, env);
      case "If":
        return this.evIf(node, input, env);
      case "Try":
        return this.evTry(node, input, env);
      case "Array":
        return this.evArray(node, input, env);
      case "Object":
        return this.evObject(node, input, env);
      case "String":
        return this.evString(node, input, env);
      case "FuncDef":
        return this.evFuncDef(node, input, env);
      case "Call":
        return this.evCall(node, input, env);
      case "Bind":
        return this.evBind(node, input, env);
      case "Reduce":
        return this.evReduce(node, input, env);
      case "Foreach":
        return this.evForeach(node, input, env);
      case "Label":
        return this.evLabel(node, input, env);
      case "Break":
        return this.evBreak(node, env);
      case "Assign":
        return this.evAssign(node, input, env);
    }
  }

  private *evSingle(node: Node, input: unknown, env: Env): Generator<unknown> {
    yield this.one(node, input, env);
  }

  // biome-ignore lint/correctness/useYield: break unwinds to its label when the generator runs
  private *evBreak(node: Extract<Node, { type: "Break" }>, env: Env): Generator<unknown> {
    const found = lookupVar(env, `*label-${node.name}`);
    if (!found.found) throw new JqThrow(`$*label-${node.name} is not defined`);
    throw new JqBreak(found.value as object);
  }

  private *evIndex(node: Extract<Node, { type: "Index" }>, input: unknown, env: Env): Generator<unknown> {
    if (node.index.type === "Literal") {
      const key = node.index.value;
      if (node.target.type === "Identity") {
        yield indexValue(input, key);
        return;
      }
      for (const t of this.eval(node.target, input, env)) yield indexValue(t, key);
      return;
    }
    for (const i of this.eval(node.index, input, env)) {
      for (const t of this.eval(node.target, input, env)) yield indexValue(t, i);
    }
    return;
  }

  private *evSlice(node: Extract<Node, { type: "Slice" }>, input: unknown, env: Env): Generator<unknown> {
    for (const to of node.to ? this.eval(node.to, input, env) : [null]) {
      for (const from of node.from ? this.eval(node.from, input, env) : [null]) {
        for (const t of this.eval(node.target, input, env)) yield sliceValue(t, from, to);
      }
    }
    return;
  }

  private *evIterate(node: Extract<Node, { type: "Iterate" }>, input: unknown, env: Env): Generator<unknown> {
    for (const t of this.eval(node.target, input, env)) {
      const values = iterableValues(t);
      if (values === null) throw iterateError(t);
      yield* values;
    }
    return;
  }

  private *evPipe(node: Extract<Node, { type: "Pipe" }>, input: unknown, env: Env): Generator<unknown> {
    if (node.left.single === true) {
      yield* this.iter(node.right, this.one(node.left, input, env), env);
      return;
    }
    for (const v of this.eval(node.left, input, env)) yield* this.iter(node.right, v, env);
    return;
  }

  private *evComma(node: Extract<Node, { type: "Comma" }>, input: unknown, env: Env): Generator<unknown> {
    yield* this.iter(node.left, input, env);
    yield* this.iter(node.right, input, env);
    return;
  }

  private *evNeg(node: Extract<Node, { type: "Neg" }>, input: unknown, env: Env): Generator<unknown> {
    for (const v of this.eval(node.operand, input, env)) {
      if (v instanceof DecimalLiteral) yield negateDecimal(v);
      else if (typeof v !== "number") throw new JqThrow(`${describeValue(v)} cannot be negated`);
      else yield -v;
    }
    return;
  }

  private *evBinary(node: Extract<Node, { type: "Binary" }>, input: unknown, env: Env): Generator<unknown> {
    // jq evaluates the right operand in the outer loop.
    for (const r of this.eval(node.right, input, env)) {
      for (const l of this.eval(node.left, input, env)) yield binaryOp(node.op, l, r);
    }
    return;
  }

  private *evAnd(node: Extract<Node, { type: "And" }>, input: unknown, env: Env): Generator<unknown> {
    for (const l of this.eval(node.left, input, env)) {
      if (!isTruthy(l)) yield false;
      else for (const r of this.eval(node.right, input, env)) yield isTruthy(r);
    }
    return;
  }

  private *evOr(node: Extract<Node, { type: "Or" }>, input: unknown, env: Env): Generator<unknown> {
    for (const l of this.eval(node.left, input, env)) {
      if (isTruthy(l)) yield true;
      else for (const r of this.eval(node.right, input, env)) yield isTruthy(r);
    }
    return;
  }

  private *evAlt(node: Extract<Node, { type: "Alt" }>, input: unknown, env: Env): Generator<unknown> {
    // Errors on the left propagate (jq >= 1.7.1); only false/null/no output fall through.
    let any = false;
    for (const v of this.eval(node.left, input, env)) {
      if (isTruthy(v)) {
        any = true;
        yield v;
      }
    }
    if (!any) yield* this.iter(node.right, input, env);
    return;
  }

  private *evIf(node: Extract<Node, { type: "If" }>, input: unknown, env: Env): Generator<unknown> {
    for (const c of this.eval(node.cond, input, env)) {
      if (isTruthy(c)) yield* this.iter(node.then, input, env);
      else if (node.else) yield* this.iter(node.else, input, env);
      else yield input;
    }
    return;
  }

  private *evTry(node: Extract<Node, { type: "Try" }>, input: unknown, env: Env): Generator<unknown> {
    yield* this.evalTry(node.body, node.handler, input, env);
    return;
  }

  private *evArray(node: Extract<Node, { type: "Array" }>, input: unknown, env: Env): Generator<unknown> {
    if (node.body === null) {
      yield [];
      return;
    }
    yield Array.from(this.eval(node.body, input, env));
    return;
  }

  private *evObject(node: Extract<Node, { type: "Object" }>, input: unknown, env: Env): Generator<unknown> {
    yield* this.buildObject(node.entries, 0, [], input, env);
    return;
  }

  private *evString(node: Extract<Node, { type: "String" }>, input: unknown, env: Env): Generator<unknown> {
    yield* this.buildString(node.parts, node.parts.length - 1, "", node.format, input, env);
    return;
  }

  private *evFuncDef(node: Extract<Node, { type: "FuncDef" }>, input: unknown, env: Env): Generator<unknown> {
    const frame = {
      kind: "func" as const,
      key: `${node.def.name}/${node.def.params.length}`,
      def: node.def,
      env: null as Env,
      parent: env,
    };
    frame.env = frame;
    yield* this.iter(node.rest, input, frame);
    return;
  }

  private *evCall(node: Extract<Node, { type: "Call" }>, input: unknown, env: Env): Generator<unknown> {
    yield* this.iter(node, input, env);
    return;
  }

  private *evBind(node: Extract<Node, { type: "Bind" }>, input: unknown, env: Env): Generator<unknown> {
    for (const v of this.eval(node.source, input, env)) {
      yield* this.bindPatterns(node.patterns, v, env, (e) => this.iter(node.body, input, e));
    }
    return;
  }

  private *evReduce(node: Extract<Node, { type: "Reduce" }>, input: unknown, env: Env): Generator<unknown> {
    for (const init of this.eval(node.init, input, env)) yield this.reduce(node, init, input, env);
    return;
  }

  private *evForeach(node: Extract<Node, { type: "Foreach" }>, input: unknown, env: Env): Generator<unknown> {
    for (const init of this.eval(node.init, input, env)) {
      let acc: unknown = init;
      for (const v of this.eval(node.source, input, env)) {
        for (const e of this.destructureAll(node.patterns, v, env)) {
          for (const u of this.eval(node.update, acc, e)) {
            acc = u;
            if (node.extract) yield* this.eval(node.extract, u, e);
            else yield u;
          }
        }
      }
    }
    return;
  }

  private *evLabel(node: Extract<Node, { type: "Label" }>, input: unknown, env: Env): Generator<unknown> {
    const label = {};
    const inner = bindVar(env, `*label-${node.name}`, label);
    try {
      for (const v of this.eval(node.body, input, inner)) yield v;
    } catch (e) {
      if (e instanceof JqBreak && e.label === label) return;
      throw e;
    }
    return;
  }

  private *evAssign(node: Extract<Node, { type: "Assign" }>, input: unknown, env: Env): Generator<unknown> {
    yield* this.assign(node.op, node.left, node.right, input, env);
    return;
  }

  /** Evaluates a node marked `single` (exactly one output) without generators. */
  one(node: Node, input: unknown, env: Env): unknown {
    switch (node.type) {
      case "Identity":
        return input;
      case "Literal":
        return node.value;
      case "Var": {
        const found = lookupVar(env, node.name);
        if (found.found) return found.value;
        if (node.name === "ENV") return this.envObject();
        throw new JqThrow(`$${node.name} is not defined`);
      }
      case "Format":
        return applyFormat(node.name, input);
      case "Index": {
        const i = this.one(node.index, input, env);
        return indexValue(this.one(node.target, input, env), i);
      }
      case "Slice": {
        const to = node.to ? this.one(node.to, input, env) : null;
        const from = node.from ? this.one(node.from, input, env) : null;
        return sliceValue(this.one(node.target, input, env), from, to);
      }
      case "Pipe":
        return this.one(node.right, this.one(node.left, input, env), env);
      case "Binary": {
        const r = this.one(node.right, input, env);
        return binaryOp(node.op, this.one(node.left, input, env), r);
      }
      case "And":
        return isTruthy(this.one(node.left, input, env)) && isTruthy(this.one(node.right, input, env));
      case "Or":
        return isTruthy(this.one(node.left, input, env)) || isTruthy(this.one(node.right, input, env));
      case "Alt": {
        const l = this.one(node.left, input, env);
        return isTruthy(l) ? l : this.one(node.right, input, env);
      }
      case "Neg": {
        const v = this.one(node.operand, input, env);
        if (v instanceof DecimalLiteral) return negateDecimal(v);
        if (typeof v !== "number") throw new JqThrow(`${describeValue(v)} cannot be negated`);
        return -v;
      }
      case "If":
        if (isTruthy(this.one(node.cond, input, env))) return this.one(node.then, input, env);
        return node.else ? this.one(node.else, input, env) : input;
      case "String": {
        let out = "";
        // Parts are evaluated last first, as in the generator form; errors surface in the same order.
        const texts: string[] = new Array(node.parts.length);
        for (let k = node.parts.length - 1; k >= 0; k--) {
          const part = node.parts[k] as string | Node;
          if (typeof part === "string") texts[k] = part;
          else {
            const v = this.one(part, input, env);
            texts[k] =
              node.format === null
                ? typeof v === "string"
                  ? v
                  : toJson(v)
                : (applyFormat(node.format, v) as string);
          }
        }
        for (const t of texts) out += t;
        return out;
      }
      case "Object": {
        const out: JsonObject = {};
        for (const e of node.entries) {
          const k = this.one(e.key, input, env);
          if (typeof k !== "string") throw new JqThrow(`Cannot use ${describeValue(k)} as object key`);
          setKey(out, k, this.one(e.value, input, env));
        }
        return out;
      }
      case "Array":
        if (node.body === null) return [];
        if (node.body.single === true) return [this.one(node.body, input, env)];
        return Array.from(this.eval(node.body, input, env));
      case "Reduce":
        return this.reduce(node, this.one(node.init, input, env), input, env);
      case "Call": {
        const direct = node.direct as (input: unknown, ...args: unknown[]) => unknown;
        switch (node.args.length) {
          case 0:
            return direct(input);
          case 1:
            return direct(input, this.one(node.args[0] as Node, input, env));
          default:
            return direct(input, ...node.args.map((a) => this.one(a, input, env)));
        }
      }
      default:
        throw new Error(`internal: ${node.type} is not a single-output node`);
    }
  }

  private reduce(node: Extract<Node, { type: "Reduce" }>, init: unknown, input: unknown, env: Env): unknown {
    if (node.inPlace === undefined) node.inPlace = planInPlace(node.update) as Node["inPlace"];
    const inPlace = node.inPlace as InPlaceUpdate | null;
    const owned = new Set<object>();
    let acc = init;
    for (const v of this.eval(node.source, input, env)) {
      for (const e of this.destructureAll(node.patterns, v, env)) {
        if (inPlace !== null) {
          const r = inPlace(this, acc, e, owned);
          if (r !== NOT_HANDLED) {
            acc = r;
            continue;
          }
          // The general path may share the accumulator; nothing stays owned after it.
          owned.clear();
        }
        if (node.update.single === true) acc = this.one(node.update, acc, e);
        else {
          let last: unknown = NO_VALUE;
          for (const u of this.eval(node.update, acc, e)) last = u;
          acc = last === NO_VALUE ? null : last;
        }
      }
    }
    return acc;
  }

  private *evalTry(body: Node, handler: Node | null, input: unknown, env: Env): Generator<unknown> {
    const it = this.eval(body, input, env);
    while (true) {
      let r: IteratorResult<unknown>;
      try {
        r = it.next();
      } catch (e) {
        if (e instanceof JqThrow) {
          if (handler) yield* this.eval(handler, errorPayload(e), env);
          return;
        }
        throw e;
      }
      if (r.done) return;
      yield r.value;
    }
  }

  private *buildObject(
    entries: readonly { key: Node; value: Node }[],
    at: number,
    pairs: unknown[],
    input: unknown,
    env: Env,
  ): Generator<unknown> {
    if (at === entries.length) {
      const out: JsonObject = {};
      for (let i = 0; i < pairs.length; i += 2) setKey(out, pairs[i] as string, pairs[i + 1]);
      yield out;
      return;
    }
    const entry = entries[at] as { key: Node; value: Node };
    for (const k of this.eval(entry.key, input, env)) {
      if (typeof k !== "string") {
        throw new JqThrow(`Cannot use ${describeValue(k)} as object key`);
      }
      for (const v of this.eval(entry.value, input, env)) {
        pairs.push(k, v);
        yield* this.buildObject(entries, at + 1, pairs, input, env);
        pairs.length -= 2;
      }
    }
  }

  /** Interpolations are evaluated last part first, as jq does (`"\(1,2) \(3,4)"` varies the first fastest). */
  private *buildString(
    parts: ReadonlyArray<string | Node>,
    at: number,
    suffix: string,
    format: string | null,
    input: unknown,
    env: Env,
  ): Generator<unknown> {
    if (at < 0) {
      yield suffix;
      return;
    }
    const part = parts[at] as string | Node;
    if (typeof part === "string") {
      yield* this.buildString(parts, at - 1, part + suffix, format, input, env);
      return;
    }
    for (const v of this.eval(part, input, env)) {
      const text =
        format === null ? (typeof v === "string" ? v : toJson(v)) : (applyFormat(format, v) as string);
      yield* this.buildString(parts, at - 1, text + suffix, format, input, env);
    }
  }

  // ---------------------------------------------------------------- calls

  /**
   * The outputs of `node`, without wrapping generators around tail positions: a pipe whose left side is a
   * single value, an `if` whose condition is, a definition, and a call to a jq-defined function continue in
   * this loop. Recursive jq functions (`def f: if . > 0 then . - 1 | f else . end`) thus run in constant JS
   * stack, as jq's tail calls do. Only call this where its (eager) errors are allowed to surface, i.e. right
   * inside a generator's `yield*`.
   */
  iter(node: Node, input: unknown, env: Env): Iterable<unknown> {
    while (true) {
      if (node.single === true) return [this.one(node, input, env)];
      switch (node.type) {
        case "Pipe":
          if (node.left.single !== true) return this.eval(node, input, env);
          input = this.one(node.left, input, env);
          node = node.right;
          continue;
        case "If": {
          if (node.cond.single !== true) return this.eval(node, input, env);
          if (isTruthy(this.one(node.cond, input, env))) node = node.then;
          else if (node.else) node = node.else;
          else return [input];
          continue;
        }
        case "FuncDef": {
          const frame = {
            kind: "func" as const,
            key: `${node.def.name}/${node.def.params.length}`,
            def: node.def,
            env: null as Env,
            parent: env,
          };
          frame.env = frame;
          env = frame;
          node = node.rest;
          continue;
        }
        case "Call": {
          const f = lookupFunction(env, node.key);
          let def: FuncDef | undefined;
          let defEnv: Env = null;
          if (f !== null) {
            if (f.kind === "closure") {
              node = f.closure.node;
              env = f.closure.env;
              continue;
            }
            def = f.def;
            defEnv = f.env;
          } else {
            def = this.options.prelude.get(node.key);
          }
          if (def === undefined) return this.call(node, input, env);
          if (def.params.some((p) => p.startsWith("$"))) return this.call(node, input, env);
          // Only filter parameters: bind them and continue with the body.
          let inner = defEnv;
          for (let i = 0; i < def.params.length; i++) {
            inner = {
              kind: "closure",
              key: `${def.params[i] as string}/0`,
              closure: { node: node.args[i] as Node, env },
              parent: inner,
            };
          }
          node = def.body;
          env = inner;
          continue;
        }
        default:
          return this.eval(node, input, env);
      }
    }
  }

  *call(node: Extract<Node, { type: "Call" }>, input: unknown, env: Env): Generator<unknown> {
    const f = lookupFunction(env, node.key);
    if (f !== null) {
      if (f.kind === "closure") {
        yield* this.eval(f.closure.node, input, f.closure.env);
        return;
      }
      yield* this.callDef(f.def, f.env, node.args, input, env, false, null) as Generator<unknown>;
      return;
    }
    const def = this.options.prelude.get(node.key);
    if (def !== undefined) {
      yield* this.callDef(def, null, node.args, input, env, false, null) as Generator<unknown>;
      return;
    }
    const native = this.options.natives.get(node.key);
    if (native !== undefined) {
      yield* native.values(
        this,
        input,
        node.args.map((a) => ({ node: a, env })),
      );
      return;
    }
    throw new JqThrow(`${node.key} is not defined`);
  }

  private *callDef(
    def: FuncDef,
    defEnv: Env,
    args: readonly Node[],
    input: unknown,
    callerEnv: Env,
    pathMode: boolean,
    path: Path | null,
  ): Generator<unknown | PathValue> {
    let env = defEnv;
    let valueParams: { name: string; closure: Closure }[] | null = null;
    for (let i = 0; i < def.params.length; i++) {
      const p = def.params[i] as string;
      const closure: Closure = { node: args[i] as Node, env: callerEnv };
      if (p.startsWith("$")) {
        const name = p.slice(1);
        env = { kind: "closure", key: `${name}/0`, closure, parent: env };
        valueParams ??= [];
        valueParams.push({ name, closure });
      } else {
        env = { kind: "closure", key: `${p}/0`, closure, parent: env };
      }
    }
    if (valueParams === null) {
      if (pathMode) yield* this.paths(def.body, input, path, env);
      else yield* this.eval(def.body, input, env);
      return;
    }
    yield* this.bindValueParams(def, valueParams, 0, input, env, pathMode, path);
  }

  private *bindValueParams(
    def: FuncDef,
    params: readonly { name: string; closure: Closure }[],
    at: number,
    input: unknown,
    env: Env,
    pathMode: boolean,
    path: Path | null,
  ): Generator<unknown | PathValue> {
    if (at === params.length) {
      if (pathMode) yield* this.paths(def.body, input, path, env);
      else yield* this.eval(def.body, input, env);
      return;
    }
    const p = params[at] as { name: string; closure: Closure };
    for (const v of this.eval(p.closure.node, input, p.closure.env)) {
      yield* this.bindValueParams(def, params, at + 1, input, bindVar(env, p.name, v), pathMode, path);
    }
  }

  /** Runs a filter argument on an input. */
  evalClosure(c: Closure, input: unknown): Generator<unknown> {
    return this.eval(c.node, input, c.env);
  }

  pathsOfClosure(c: Closure, input: unknown, path: Path | null): Generator<PathValue> {
    return this.paths(c.node, input, path, c.env);
  }

  // ---------------------------------------------------------------- destructuring

  private *destructureAll(patterns: readonly Pattern[], value: unknown, env: Env): Generator<Env> {
    if (patterns.length === 1) {
      yield* this.destructure(patterns[0] as Pattern, value, env);
      return;
    }
    // Alternatives (`?//`) in reduce/foreach: the first pattern that matches without error.
    const base = bindAllNull(patterns, env);
    for (let i = 0; i < patterns.length; i++) {
      const envs: Env[] = [];
      try {
        for (const e of this.destructure(patterns[i] as Pattern, value, base)) envs.push(e);
      } catch (err) {
        if (err instanceof JqThrow && i < patterns.length - 1) continue;
        throw err;
      }
      yield* envs;
      return;
    }
  }

  private *bindPatterns<T>(
    patterns: readonly Pattern[],
    value: unknown,
    env: Env,
    body: (env: Env) => Iterable<T>,
  ): Generator<T> {
    if (patterns.length === 1) {
      for (const e of this.destructure(patterns[0] as Pattern, value, env)) yield* body(e);
      return;
    }
    const base = bindAllNull(patterns, env);
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i] as Pattern;
      if (i === patterns.length - 1) {
        for (const e of this.destructure(pattern, value, base)) yield* body(e);
        return;
      }
      // An error in the pattern or in the body moves on to the next alternative.
      try {
        for (const e of this.destructure(pattern, value, base)) {
          for (const out of body(e)) yield out;
        }
        return;
      } catch (err) {
        if (!(err instanceof JqThrow)) throw err;
      }
    }
  }

  private *destructure(pattern: Pattern, value: unknown, env: Env): Generator<Env> {
    switch (pattern.type) {
      case "PVar":
        yield bindVar(env, pattern.name, value);
        return;
      case "PArray":
        if (value !== null && !Array.isArray(value)) {
          throw new JqThrow(`Cannot index ${typeOf(value)} with number`);
        }
        yield* this.destructureArray(pattern.elements, 0, value, env);
        return;
      case "PObject":
        yield* this.destructureObject(pattern.entries, 0, value, env);
        return;
    }
  }

  private *destructureArray(
    elements: readonly Pattern[],
    at: number,
    value: unknown,
    env: Env,
  ): Generator<Env> {
    if (at === elements.length) {
      yield env;
      return;
    }
    for (const e of this.destructure(elements[at] as Pattern, indexValue(value, at), env)) {
      yield* this.destructureArray(elements, at + 1, value, e);
    }
  }

  private *destructureObject(
    entries: Extract<Pattern, { type: "PObject" }>["entries"],
    at: number,
    value: unknown,
    env: Env,
  ): Generator<Env> {
    if (at === entries.length) {
      yield env;
      return;
    }
    const entry = entries[at] as (typeof entries)[number];
    for (const key of this.eval(entry.key, value, env)) {
      if (typeof key !== "string") {
        throw new JqThrow(`Cannot index ${typeOf(value)} with ${describeValue(key)}`);
      }
      const v = indexValue(value, key);
      let e = env;
      if (entry.bindVar !== null) e = bindVar(e, entry.bindVar, v);
      if (entry.value === null) {
        yield* this.destructureObject(entries, at + 1, value, e);
      } else {
        for (const e2 of this.destructure(entry.value, v, e)) {
          yield* this.destructureObject(entries, at + 1, value, e2);
        }
      }
    }
  }

  // ---------------------------------------------------------------- assignment

  /** Every path `f` designates in `input`; a non-path result is jq's "Invalid path expression" error. */
  *pathsOf(node: Node, input: unknown, env: Env): Generator<Path> {
    for (const [v, p] of this.paths(node, input, [], env)) {
      if (p === null) throw new JqThrow(`Invalid path expression with result ${dumpForError(v)}`);
      yield p;
    }
  }

  private *assign(op: string, left: Node, right: Node, input: unknown, env: Env): Generator<unknown> {
    if (op === "|=") {
      let acc = input;
      const owned = new Set<object>();
      const deletions: Path[] = [];
      for (const p of this.pathsOf(left, input, env)) {
        const old = getPath(acc, p);
        // The update must never see a container we may still change in place.
        if (old !== null && typeof old === "object" && owned.has(old)) owned.clear();
        let updated: unknown = NO_VALUE;
        for (const u of this.eval(right, old, env)) {
          updated = u;
          break;
        }
        if (updated === NO_VALUE) deletions.push(p);
        else acc = writePath(acc, p, updated, null, owned);
      }
      yield deletions.length > 0 ? deletePaths(acc, deletions) : acc;
      return;
    }
    for (const v of this.eval(right, input, env)) {
      let acc = input;
      const owned = new Set<object>();
      for (const p of this.pathsOf(left, input, env)) {
        if (op === "=") acc = writePath(acc, p, v, null, owned);
        else if (op === "//=") {
          const old = getPath(acc, p);
          acc = writePath(acc, p, isTruthy(old) ? old : v, null, owned);
        } else {
          acc = writePath(acc, p, v, op.slice(0, -1) as "+", owned);
        }
      }
      yield acc;
    }
  }

  // ---------------------------------------------------------------- paths

  *paths(node: Node, input: unknown, path: Path | null, env: Env): Generator<PathValue, void, undefined> {
    switch (node.type) {
      case "Identity":
        yield [input, path];
        return;
      case "Index": {
        const indices =
          node.index.type === "Literal" ? [node.index.value] : this.eval(node.index, input, env);
        for (const i of indices) {
          for (const [t, tp] of this.paths(node.target, input, path, env)) {
            if (tp === null) {
              throw new JqThrow(
                `Invalid path expression near attempt to access element ${dumpForError(i)} of ${dumpForError(t)}`,
              );
            }
            yield [indexValue(t, i), [...tp, i instanceof DecimalLiteral ? toDouble(i) : i]];
          }
        }
        return;
      }
      case "Slice": {
        for (const to of node.to ? this.eval(node.to, input, env) : [null]) {
          for (const from of node.from ? this.eval(node.from, input, env) : [null]) {
            for (const [t, tp] of this.paths(node.target, input, path, env)) {
              const comp = { start: from, end: to };
              if (tp === null) {
                throw new JqThrow(
                  `Invalid path expression near attempt to access element ${dumpForError(comp)} of ${dumpForError(t)}`,
                );
              }
              yield [sliceValue(t, from, to), [...tp, comp]];
            }
          }
        }
        return;
      }
      case "Iterate":
        for (const [t, tp] of this.paths(node.target, input, path, env)) {
          if (tp === null) {
            throw new JqThrow(`Invalid path expression near attempt to iterate through ${dumpForError(t)}`);
          }
          if (Array.isArray(t)) {
            for (let i = 0; i < t.length; i++) yield [t[i], [...tp, i]];
          } else if (isObject(t)) {
            for (const [k, v] of Object.entries(t)) yield [v, [...tp, k]];
          } else if (t !== null) {
            throw iterateError(t);
          }
        }
        return;
      case "Pipe":
        for (const [v, p] of this.paths(node.left, input, path, env))
          yield* this.paths(node.right, v, p, env);
        return;
      case "Comma":
        yield* this.paths(node.left, input, path, env);
        yield* this.paths(node.right, input, path, env);
        return;
      case "If":
        for (const c of this.eval(node.cond, input, env)) {
          if (isTruthy(c)) yield* this.paths(node.then, input, path, env);
          else if (node.else) yield* this.paths(node.else, input, path, env);
          else yield [input, path];
        }
        return;
      case "Alt": {
        let any = false;
        for (const pv of this.paths(node.left, input, path, env)) {
          if (isTruthy(pv[0])) {
            any = true;
            yield pv;
          }
        }
        if (!any) yield* this.paths(node.right, input, path, env);
        return;
      }
      case "Try": {
        const it = this.paths(node.body, input, path, env);
        while (true) {
          let r: IteratorResult<PathValue>;
          try {
            r = it.next();
          } catch (e) {
            if (e instanceof JqThrow) {
              if (node.handler) yield* this.paths(node.handler, errorPayload(e), null, env);
              return;
            }
            throw e;
          }
          if (r.done) return;
          yield r.value;
        }
      }
      case "FuncDef": {
        const frame = {
          kind: "func" as const,
          key: `${node.def.name}/${node.def.params.length}`,
          def: node.def,
          env: null as Env,
          parent: env,
        };
        frame.env = frame;
        yield* this.paths(node.rest, input, path, frame);
        return;
      }
      case "Call": {
        const f = lookupFunction(env, node.key);
        if (f !== null) {
          if (f.kind === "closure") yield* this.paths(f.closure.node, input, path, f.closure.env);
          else yield* this.callDef(f.def, f.env, node.args, input, env, true, path) as Generator<PathValue>;
          return;
        }
        const def = this.options.prelude.get(node.key);
        if (def !== undefined) {
          yield* this.callDef(def, null, node.args, input, env, true, path) as Generator<PathValue>;
          return;
        }
        const native = this.options.natives.get(node.key);
        if (native?.paths) {
          yield* native.paths(
            this,
            input,
            path,
            node.args.map((a) => ({ node: a, env })),
          );
          return;
        }
        break;
      }
      case "Bind":
        for (const v of this.eval(node.source, input, env)) {
          yield* this.bindPatterns(node.patterns, v, env, (e) => this.paths(node.body, input, path, e));
        }
        return;
      case "Reduce":
        for (const [init, initPath] of this.paths(node.init, input, path, env)) {
          let acc: PathValue = [init, initPath];
          for (const v of this.eval(node.source, input, env)) {
            for (const e of this.destructureAll(node.patterns, v, env)) {
              let last: PathValue | null = null;
              for (const u of this.paths(node.update, acc[0], acc[1], e)) last = u;
              acc = last ?? [null, null];
            }
          }
          yield acc;
        }
        return;
      case "Foreach":
        for (const [init, initPath] of this.paths(node.init, input, path, env)) {
          let acc: PathValue = [init, initPath];
          for (const v of this.eval(node.source, input, env)) {
            for (const e of this.destructureAll(node.patterns, v, env)) {
              for (const u of this.paths(node.update, acc[0], acc[1], e)) {
                acc = u;
                if (node.extract) yield* this.paths(node.extract, u[0], u[1], e);
                else yield u;
              }
            }
          }
        }
        return;
      case "Label": {
        const label = {};
        const inner = bindVar(env, `*label-${node.name}`, label);
        try {
          for (const v of this.paths(node.body, input, path, inner)) yield v;
        } catch (e) {
          if (e instanceof JqBreak && e.label === label) return;
          throw e;
        }
        return;
      }
      case "Break":
        yield* this.eval(node, input, env) as Generator<never>;
        return;
      default:
        break;
    }
    for (const v of this.eval(node, input, env)) yield [v, null];
  }
}

function bindAllNull(patterns: readonly Pattern[], env: Env): Env {
  let out = env;
  const names = new Set<string>();
  for (const p of patterns) collectVars(p, names);
  for (const n of names) out = bindVar(out, n, null);
  return out;
}

function collectVars(p: Pattern, names: Set<string>): void {
  if (p.type === "PVar") names.add(p.name);
  else if (p.type === "PArray") for (const e of p.elements) collectVars(e, names);
  else
    for (const e of p.entries) {
      if (e.bindVar !== null) names.add(e.bindVar);
      if (e.value) collectVars(e.value, names);
    }
}

/** setpath for assignment loops: in place on containers this loop created, copying otherwise. */
function writePath(acc: unknown, path: Path, value: unknown, op: "+" | null, owned: Set<object>): unknown {
  if (path.length > 0) {
    const out = setOwned(acc, path as unknown[], value, op, owned);
    if (out !== NOT_HANDLED) return out;
  }
  // Unusual keys (negative indices, slices, type errors): the general path, which copies.
  owned.clear();
  return setPath(acc, path, op === null ? value : binaryOp(op, getPath(acc, path), value));
}

/** The value `catch` sees. */
export function errorPayload(e: JqThrow): unknown {
  return e.value;
}
