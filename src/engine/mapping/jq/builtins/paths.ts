/** Path builtins: path(f), paths, getpath (also a path expression), setpath, delpaths. */
import type { Closure, PathValue } from "../environment.js";
import { JqThrow } from "../errors.js";
import { deletePaths, getPath, setPath } from "../path-update.js";
import { dumpForError, isObject } from "../values.js";
import { depthFirst } from "./depth-first.js";
import { fn, type NativeTable } from "./native.js";

function arg(args: readonly Closure[], i: number): Closure {
  return args[i] as Closure;
}

function checkPath(p: unknown): readonly unknown[] {
  if (!Array.isArray(p)) throw new JqThrow("Path must be specified as an array");
  return p;
}

export const PATHS: NativeTable = {
  "path/1": {
    *values(it, input, args) {
      for (const [v, p] of it.pathsOfClosure(arg(args, 0), input, [])) {
        if (p === null) throw new JqThrow(`Invalid path expression with result ${dumpForError(v)}`);
        yield p;
      }
    },
  },
  "paths/0": {
    *values(_it, input) {
      for (const [, p] of allPaths(input, [])) yield p;
    },
  },
  "getpath/1": {
    *values(it, input, args) {
      for (const p of it.evalClosure(arg(args, 0), input)) {
        yield getPath(input, checkPath(p));
      }
    },
    *paths(it, input, path, args) {
      for (const p of it.evalClosure(arg(args, 0), input)) {
        const comps = checkPath(p);
        if (path === null) {
          throw new JqThrow(`Invalid path expression with result ${dumpForError(input)}`);
        }
        yield [getPath(input, comps), [...path, ...comps]];
      }
    },
  },
  "setpath/2": fn((input, p, v) => setPath(input, checkPath(p), v)),
  "delpaths/1": fn((input, ps) => {
    if (!Array.isArray(ps)) throw new JqThrow("Paths must be specified as an array");
    return deletePaths(input, ps);
  }),
};

/** Every path below `v` (depth first, parents before children), excluding the empty path. */
export function allPaths(v: unknown, prefix: readonly unknown[]): Generator<PathValue> {
  return depthFirst<PathValue>([v, prefix], function* ([value, path]) {
    const p = path as unknown[];
    if (p !== prefix) yield { out: [value, p] };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) yield { child: [value[i], [...p, i]] };
    } else if (isObject(value)) {
      for (const [k, child] of Object.entries(value)) yield { child: [child, [...p, k]] };
    }
  });
}
