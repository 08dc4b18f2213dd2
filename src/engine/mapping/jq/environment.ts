import type { FuncDef, Node } from "./ast.js";

/** A path as `path(f)` reports it: keys, indices and `{start, end}` slices. */
export type Path = readonly unknown[];

/**
 * A value in path-tracking mode with the path it sits at; `null` marks a value that did not come from a
 * path expression (jq's "Invalid path expression" errors report these).
 */
export type PathValue = readonly [value: unknown, path: Path | null];

/** A filter argument: the argument's syntax and the scope it was written in. */
export interface Closure {
  readonly node: Node;
  readonly env: Env;
}

/** Lexical scope as a linked list: variables, local `def`s and filter parameters. */
export type Env = VarFrame | FuncFrame | ClosureFrame | null;

export interface VarFrame {
  readonly kind: "var";
  readonly name: string;
  readonly value: unknown;
  readonly parent: Env;
}

export interface FuncFrame {
  readonly kind: "func";
  /** `name/arity`. */
  readonly key: string;
  readonly def: FuncDef;
  /** The scope the body runs in: the frame itself, so the function can recurse. */
  env: Env;
  readonly parent: Env;
}

export interface ClosureFrame {
  readonly kind: "closure";
  readonly key: string;
  readonly closure: Closure;
  readonly parent: Env;
}

export function bindVar(parent: Env, name: string, value: unknown): Env {
  return { kind: "var", name, value, parent };
}

export function lookupVar(env: Env, name: string): { found: boolean; value: unknown } {
  for (let e = env; e !== null; e = e.parent) {
    if (e.kind === "var" && e.name === name) return { found: true, value: e.value };
  }
  return { found: false, value: undefined };
}

export function lookupFunction(env: Env, key: string): FuncFrame | ClosureFrame | null {
  for (let e = env; e !== null; e = e.parent) {
    if (e.kind !== "var" && e.key === key) return e;
  }
  return null;
}
