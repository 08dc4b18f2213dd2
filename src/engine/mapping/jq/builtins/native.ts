/** How builtins written in TypeScript plug into the interpreter. */
import { DecimalLiteral } from "../decimal.js";
import type { Closure, Path, PathValue } from "../environment.js";
import type { Interpreter } from "../evaluate.js";

export interface NativeFunction {
  /** Set for builtins that yield exactly one value from their argument values (C-style builtins). */
  readonly direct?: (input: unknown, ...args: unknown[]) => unknown;
  values(it: Interpreter, input: unknown, args: readonly Closure[]): Iterable<unknown>;
  /** Present for builtins that are path expressions (`getpath`, `first(f)`, `empty`, ...). */
  paths?(it: Interpreter, input: unknown, path: Path | null, args: readonly Closure[]): Iterable<PathValue>;
}

export type NativeTable = Record<string, NativeFunction>;

/**
 * A builtin that takes the values of its arguments (jq's C functions): every combination of argument
 * outputs is tried, the first argument varying slowest.
 */
export function fn(
  impl: (input: unknown, ...args: unknown[]) => unknown,
  keepDecimals = false,
): NativeFunction {
  // Builtins see doubles unless they care about a number's literal text (tojson, length, ...).
  const call = keepDecimals
    ? impl
    : (input: unknown, ...args: unknown[]) =>
        impl(input instanceof DecimalLiteral ? input.value : input, ...args.map(plainNumber));
  return {
    direct: call,
    *values(it, input, args) {
      if (args.length === 0) {
        yield call(input);
        return;
      }
      yield* cartesian(it, input, args, args.length - 1, new Array(args.length), call);
    },
  };
}

function plainNumber(v: unknown): unknown {
  return v instanceof DecimalLiteral ? v.value : v;
}

/** jq evaluates a C builtin's arguments last first: the last argument varies slowest. */
function* cartesian(
  it: Interpreter,
  input: unknown,
  args: readonly Closure[],
  at: number,
  values: unknown[],
  impl: (input: unknown, ...args: unknown[]) => unknown,
): Generator<unknown> {
  if (at < 0) {
    yield impl(input, ...values);
    return;
  }
  for (const v of it.evalClosure(args[at] as Closure, input)) {
    values[at] = v;
    yield* cartesian(it, input, args, at - 1, values, impl);
  }
}
