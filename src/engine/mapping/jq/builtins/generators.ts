/**
 * Builtins that drive other filters: first/last/nth/limit/skip, isempty, range, repeat, and the recursive
 * ones (recurse, while, until), which run on an explicit stack so deep data or long loops cannot exhaust
 * the JS stack.
 */
import { DecimalLiteral } from "../decimal.js";
import type { Closure, PathValue } from "../environment.js";
import { JqThrow } from "../errors.js";
import { isTruthy, typeOf } from "../values.js";
import { depthFirst } from "./depth-first.js";
import type { NativeTable } from "./native.js";

function arg(args: readonly Closure[], i: number): Closure {
  return args[i] as Closure;
}

function plain(v: unknown): unknown {
  return v instanceof DecimalLiteral ? v.value : v;
}

export const GENERATORS: NativeTable = {
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
          if (++seen > count) yield v;
        }
      }
    },
    *paths(it, input, path, args) {
      for (const n of it.evalClosure(arg(args, 0), input)) {
        const count = limitCount(n, "skip");
        let seen = 0;
        for (const v of it.pathsOfClosure(arg(args, 1), input, path)) {
          if (++seen > count) yield v;
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
          if (++seen > n) {
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
};

function limitCount(raw: unknown, name: string): number {
  const n = plain(raw);
  if (typeof n !== "number") throw new JqThrow(`Invalid ${name} count: ${typeOf(n)}`);
  if (n < 0) throw new JqThrow(`${name} doesn't support negative count`);
  return n;
}
