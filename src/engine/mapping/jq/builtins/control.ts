/** Builtins that steer evaluation: empty, error, path, getpath, first/last/limit/skip, range, env. */
import { iterableValues, iterateError } from "../access.js";
import { DecimalLiteral } from "../decimal.js";
import type { Closure, PathValue } from "../environment.js";
import { JqThrow } from "../errors.js";
import { deletePaths, getPath, setPath } from "../path-update.js";
import { dumpForError, isObject, isTruthy, typeOf } from "../values.js";
import { fn, type NativeTable } from "./native.js";

function arg(args: readonly Closure[], i: number): Closure {
  return args[i] as Closure;
}

function plain(v: unknown): unknown {
  return v instanceof DecimalLiteral ? v.value : v;
}

function checkPath(p: unknown): readonly unknown[] {
  if (!Array.isArray(p)) throw new JqThrow("Path must be specified as an array");
  return p;
}

export const CONTROL: NativeTable = {
  "empty/0": {
    values: () => [],
    paths: () => [],
  },
  "error/1": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(it, input, args) {
      for (const v of it.evalClosure(arg(args, 0), input)) throw new JqThrow(v);
    },
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *paths(it, input, _path, args) {
      for (const v of it.evalClosure(arg(args, 0), input)) throw new JqThrow(v);
    },
  },
  "error/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(_it, input) {
      throw new JqThrow(input);
    },
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *paths(_it, input) {
      throw new JqThrow(input);
    },
  },
  // map and select are the hottest builtins in mappings; written natively to skip a jq-level call.
  "map/1": {
    *values(it, input, args) {
      const values = iterableValues(input);
      if (values === null) throw iterateError(input);
      const out: unknown[] = [];
      const f = arg(args, 0);
      for (const v of values) for (const r of it.evalClosure(f, v)) out.push(r);
      yield out;
    },
  },
  "select/1": {
    *values(it, input, args) {
      for (const c of it.evalClosure(arg(args, 0), input)) if (isTruthy(c)) yield input;
    },
    *paths(it, input, path, args) {
      for (const c of it.evalClosure(arg(args, 0), input)) if (isTruthy(c)) yield [input, path];
    },
  },
  // Recursive generators run on an explicit stack: data or loops thousands of levels deep must not
  // exhaust the JS stack (jq itself recurses through tail calls).
  "recurse/1": {
    values: (it, input, args) =>
      depthFirst(input, function* (v) {
        yield { out: v };
        for (const c of it.evalClosure(arg(args, 0), v)) yield { child: c };
      }),
    paths: (it, input, path, args) =>
      depthFirst<PathValue>([input, path], function* (pv) {
        yield { out: pv };
        for (const c of it.pathsOfClosure(arg(args, 0), pv[0], pv[1])) yield { child: c };
      }),
  },
  "recurse/2": {
    values: (it, input, args) =>
      depthFirst(input, function* (v) {
        yield { out: v };
        for (const c of it.evalClosure(arg(args, 0), v)) {
          for (const ok of it.evalClosure(arg(args, 1), c)) if (isTruthy(ok)) yield { child: c };
        }
      }),
    paths: (it, input, path, args) =>
      depthFirst<PathValue>([input, path], function* (pv) {
        yield { out: pv };
        for (const c of it.pathsOfClosure(arg(args, 0), pv[0], pv[1])) {
          for (const ok of it.evalClosure(arg(args, 1), c[0])) if (isTruthy(ok)) yield { child: c };
        }
      }),
  },
  "while/2": {
    values: (it, input, args) =>
      depthFirst(input, function* (v) {
        for (const c of it.evalClosure(arg(args, 0), v)) {
          if (!isTruthy(c)) continue;
          yield { out: v };
          for (const u of it.evalClosure(arg(args, 1), v)) yield { child: u };
        }
      }),
  },
  "until/2": {
    values: (it, input, args) =>
      depthFirst(input, function* (v) {
        for (const c of it.evalClosure(arg(args, 0), v)) {
          if (isTruthy(c)) yield { out: v };
          else for (const u of it.evalClosure(arg(args, 1), v)) yield { child: u };
        }
      }),
  },
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
  "first/1": {
    *values(it, input, args) {
      for (const v of it.evalClosure(arg(args, 0), input)) {
        yield v;
        return;
      }
    },
    *paths(it, input, path, args) {
      for (const v of it.pathsOfClosure(arg(args, 0), input, path)) {
        yield v;
        return;
      }
    },
  },
  "last/1": {
    *values(it, input, args) {
      let found = false;
      let last: unknown = null;
      for (const v of it.evalClosure(arg(args, 0), input)) {
        found = true;
        last = v;
      }
      if (found) yield last;
    },
    *paths(it, input, path, args) {
      let last: PathValue | null = null;
      for (const v of it.pathsOfClosure(arg(args, 0), input, path)) last = v;
      if (last !== null) yield last;
    },
  },
  "limit/2": {
    *values(it, input, args) {
      for (const n of it.evalClosure(arg(args, 0), input)) {
        const count = limitCount(n, "limit");
        if (count <= 0) continue;
        let seen = 0;
        for (const v of it.evalClosure(arg(args, 1), input)) {
          yield v;
          if (++seen >= count) break;
        }
      }
    },
    *paths(it, input, path, args) {
      for (const n of it.evalClosure(arg(args, 0), input)) {
        const count = limitCount(n, "limit");
        if (count <= 0) continue;
        let seen = 0;
        for (const v of it.pathsOfClosure(arg(args, 1), input, path)) {
          yield v;
          if (++seen >= count) break;
        }
      }
    },
  },
  "skip/2": {
    *values(it, input, args) {
      for (const n of it.evalClosure(arg(args, 0), input)) {
        const count = limitCount(n, "skip");
        let seen = 0;
        for (const v of it.evalClosure(arg(args, 1), input)) {
          if (seen++ >= count) yield v;
        }
      }
    },
    *paths(it, input, path, args) {
      for (const n of it.evalClosure(arg(args, 0), input)) {
        const count = limitCount(n, "skip");
        let seen = 0;
        for (const v of it.pathsOfClosure(arg(args, 1), input, path)) {
          if (seen++ >= count) yield v;
        }
      }
    },
  },
  "nth/2": {
    *values(it, input, args) {
      for (const raw of it.evalClosure(arg(args, 0), input)) {
        const n = plain(raw);
        if (typeof n !== "number") throw new JqThrow("nth requires a number");
        if (n < 0) throw new JqThrow("nth doesn't support negative indices");
        let seen = 0;
        for (const v of it.evalClosure(arg(args, 1), input)) {
          if (seen++ >= n) {
            yield v;
            break;
          }
        }
      }
    },
  },
  // Outputs of f on the same input, over and over (jq 1.8 semantics), until f raises an error.
  "repeat/1": {
    *values(it, input, args) {
      while (true) {
        let produced = false;
        for (const v of it.evalClosure(arg(args, 0), input)) {
          produced = true;
          yield v;
        }
        if (!produced) return;
      }
    },
  },
  "isempty/1": {
    *values(it, input, args) {
      for (const _ of it.evalClosure(arg(args, 0), input)) {
        yield false;
        return;
      }
      yield true;
    },
  },
  "range/2": {
    *values(it, input, args) {
      for (const rawFrom of it.evalClosure(arg(args, 0), input)) {
        for (const rawUpto of it.evalClosure(arg(args, 1), input)) {
          const from = plain(rawFrom);
          const upto = plain(rawUpto);
          if (typeof from !== "number" || typeof upto !== "number") {
            throw new JqThrow("Range bounds must be numeric");
          }
          for (let i = from; i < upto; i++) yield i;
        }
      }
    },
  },
  "range/3": {
    *values(it, input, args) {
      for (const rawFrom of it.evalClosure(arg(args, 0), input)) {
        for (const rawUpto of it.evalClosure(arg(args, 1), input)) {
          for (const rawBy of it.evalClosure(arg(args, 2), input)) {
            const from = plain(rawFrom);
            const upto = plain(rawUpto);
            const by = plain(rawBy);
            if (typeof from !== "number" || typeof upto !== "number" || typeof by !== "number") {
              throw new JqThrow("Range bounds must be numeric");
            }
            if (by > 0) for (let i = from; i < upto; i += by) yield i;
            else if (by < 0) for (let i = from; i > upto; i += by) yield i;
          }
        }
      }
    },
  },
  "env/0": {
    *values(it) {
      yield it.envObject();
    },
  },
  "builtins/0": {
    *values(it) {
      const names = new Set<string>();
      for (const k of it.options.natives.keys()) if (!k.startsWith("_")) names.add(k);
      for (const k of it.options.prelude.keys()) if (!k.startsWith("_")) names.add(k);
      yield [...names];
    },
  },
  "input_line_number/0": fn(() => 0),
  "input_filename/0": fn(() => null),
  "now/0": fn(() => Date.now() / 1000),
  "input/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values() {
      throw new JqThrow("No more inputs");
    },
  },
  "inputs/0": { values: () => [] },
  "debug/0": {
    *values(_it, input) {
      yield input;
    },
    *paths(_it, input, path) {
      yield [input, path];
    },
  },
  "debug/1": {
    *values(_it, input) {
      yield input;
    },
  },
  "stderr/0": {
    *values(_it, input) {
      yield input;
    },
  },
  "halt/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values() {
      throw new JqThrow("halt is not supported by this jq engine");
    },
  },
  "halt_error/1": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(_it, input) {
      throw new JqThrow(input);
    },
  },
  "halt_error/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(_it, input) {
      throw new JqThrow(input);
    },
  },
  "get_search_list/0": fn(() => []),
};

interface Step<T> {
  out?: T;
  child?: T;
}

/**
 * Pre-order traversal with lazy producers: `step(v)` yields outputs and children in order; a child's own
 * steps run before `v`'s next ones, exactly like the recursive jq definitions.
 */
function* depthFirst<T>(root: T, step: (v: T) => Iterator<Step<T>>): Generator<T> {
  const stack: Iterator<Step<T>>[] = [step(root)];
  try {
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Iterator<Step<T>>;
      const r = top.next();
      if (r.done) {
        stack.pop();
        continue;
      }
      if ("out" in r.value) yield r.value.out as T;
      else stack.push(step(r.value.child as T));
    }
  } finally {
    // Stop the producers still open when the consumer stops early.
    for (const g of stack) g.return?.();
  }
}

function limitCount(raw: unknown, name: string): number {
  const n = plain(raw);
  if (typeof n !== "number") throw new JqThrow(`Invalid ${name} count: ${typeOf(n)}`);
  if (n < 0) throw new JqThrow(`${name} doesn't support negative count`);
  return n;
}

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
