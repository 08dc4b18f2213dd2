/** Builtins over arrays: sorting and grouping in jq's total order, min/max, flatten, indices. */
import { arrayIndices, codePoints, indexValue, iterableValues } from "../access.js";
import type { Closure } from "../environment.js";
import { JqThrow } from "../errors.js";
import type { Interpreter } from "../evaluate.js";
import { compareValues, describeValue, equalValues, isObject } from "../values.js";
import { fn, type NativeFunction, type NativeTable } from "./native.js";
import { length } from "./types.js";

function requireArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new JqThrow(`${describeValue(v)} cannot be ${what}, as it is not an array`);
  return v;
}

/** Each element with its sort key `[f]` (all outputs of f, as jq's `map([f])`). */
function keyed(it: Interpreter, arr: unknown[], f: Closure): { key: unknown[]; value: unknown }[] {
  return arr.map((value) => ({ key: Array.from(it.evalClosure(f, value)), value }));
}

function byKey(a: { key: unknown[] }, b: { key: unknown[] }): number {
  return compareValues(a.key, b.key);
}

function withKeys(impl: (entries: { key: unknown[]; value: unknown }[]) => unknown): NativeFunction {
  return {
    *values(it, input, args) {
      const f = args[0] as Closure;
      if (Array.isArray(input)) {
        yield impl(keyed(it, input, f));
        return;
      }
      // jq computes `map([f])` first: objects map fine and then fail the sort, the rest fail to iterate.
      if (isObject(input)) {
        const keys = Object.values(input).map((v) => Array.from(it.evalClosure(f, v)));
        throw new JqThrow(
          `${describeValue(input)} and ${describeValue(keys)} cannot be sorted, as they are not both arrays`,
        );
      }
      throw new JqThrow(`Cannot iterate over ${describeValue(input)}`);
    },
  };
}

function minMax(v: unknown, wantMax: boolean): unknown {
  if (!Array.isArray(v))
    throw new JqThrow(`${describeValue(v)} and ${describeValue(v)} cannot be iterated over`);
  return extreme(
    v.map((x) => ({ key: [x], value: x })),
    wantMax,
  );
}

function groups(entries: { key: unknown[]; value: unknown }[]): unknown[][] {
  const sorted = entries.slice().sort(byKey);
  const out: unknown[][] = [];
  let prev: unknown[] | null = null;
  for (const e of sorted) {
    if (prev !== null && equalValues(prev, e.key)) (out[out.length - 1] as unknown[]).push(e.value);
    else out.push([e.value]);
    prev = e.key;
  }
  return out;
}

function extreme(entries: { key: unknown[]; value: unknown }[], wantMax: boolean): unknown {
  if (entries.length === 0) return null;
  let best = entries[0] as { key: unknown[]; value: unknown };
  for (let i = 1; i < entries.length; i++) {
    const e = entries[i] as { key: unknown[]; value: unknown };
    const c = compareValues(e.key, best.key);
    // jq keeps the last of equal maxima and the first of equal minima.
    if (wantMax ? c >= 0 : c < 0) best = e;
  }
  return best.value;
}

function flatten(v: unknown, depth: number): unknown[] {
  if (depth < 0) throw new JqThrow("flatten depth must not be negative");
  if (isObject(v)) v = Object.values(v);
  if (!Array.isArray(v)) throw new JqThrow(`Cannot iterate over ${describeValue(v)}`);
  const out: unknown[] = [];
  // Explicit stack: arrays may nest 10000 levels deep.
  const stack: { arr: unknown[]; i: number; depth: number }[] = [{ arr: v, i: 0, depth }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { arr: unknown[]; i: number; depth: number };
    if (top.i >= top.arr.length) {
      stack.pop();
      continue;
    }
    const x = top.arr[top.i++];
    if (Array.isArray(x) && top.depth > 0) stack.push({ arr: x, i: 0, depth: top.depth - 1 });
    else out.push(x);
  }
  return out;
}

/** Code point offsets of every (overlapping) occurrence of `needle`. */
export function stringIndices(s: string, needle: string): number[] {
  if (needle === "") return [];
  const out: number[] = [];
  const cps = codePoints(s);
  let from = 0;
  while (true) {
    const at = s.indexOf(needle, from);
    if (at < 0) break;
    // Report code point offsets, not UTF-16 offsets.
    out.push(cps === null ? at : Array.from(s.slice(0, at)).length);
    from = at + 1;
  }
  return out;
}

/** jq 1.8.2's `indices`: sub-array or substring positions; any other input is simply indexed by `i`. */
export function indices(v: unknown, i: unknown): unknown {
  if (Array.isArray(v) && Array.isArray(i)) return arrayIndices(v, i);
  if (Array.isArray(v)) return arrayIndices(v, [i]);
  if (typeof v === "string" && typeof i === "string") return stringIndices(v, i);
  return indexValue(v, i);
}

/** Index of `target` in a sorted array, or `-1 - insertion point` when absent. */
function bsearch(v: unknown, target: unknown): number {
  if (!Array.isArray(v)) throw new JqThrow(`${describeValue(v)} cannot be searched from`);
  let lo = 0;
  let hi = v.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareValues(v[mid], target);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1 - lo;
}

export const COLLECTIONS: NativeTable = {
  "bsearch/1": fn(bsearch),
  "sort/0": fn((v) => requireArray(v, "sorted").slice().sort(compareValues)),
  "sort_by/1": withKeys((entries) => entries.sort(byKey).map((e) => e.value)),
  "group_by/1": withKeys(groups),
  "unique/0": fn((v) => {
    const sorted = requireArray(v, "sorted").slice().sort(compareValues);
    return sorted.filter((x, i) => i === 0 || compareValues(sorted[i - 1], x) !== 0);
  }),
  "unique_by/1": withKeys((entries) => groups(entries).map((g) => g[0])),
  "min/0": fn((v) => minMax(v, false)),
  "max/0": fn((v) => minMax(v, true)),
  "min_by/1": withKeys((entries) => extreme(entries, false)),
  "max_by/1": withKeys((entries) => extreme(entries, true)),
  "reverse/0": fn((v) => {
    if (v === null) return [];
    if (typeof v === "string") {
      if (v === "") return [];
      throw new JqThrow(`Cannot index string with number (${length(v) - 1})`);
    }
    if (!Array.isArray(v)) throw new JqThrow(`Cannot index ${describeValue(v).split(" ")[0]} with number`);
    return v.slice().reverse();
  }),
  "flatten/0": fn((v) => flatten(v, 1e9)),
  "flatten/1": fn((v, d) => {
    if (typeof d !== "number") throw new JqThrow("flatten depth must not be negative");
    return flatten(v, d);
  }),
  "indices/1": fn(indices),
  "index/1": fn((v, i) => {
    const r = indices(v, i);
    return Array.isArray(r) ? (r.length > 0 ? r[0] : null) : r;
  }),
  "rindex/1": fn((v, i) => {
    const r = indices(v, i);
    return Array.isArray(r) ? (r.length > 0 ? r[r.length - 1] : null) : r;
  }),
  // Rows are read with `.[$i]`, padded with null: `[range(0; map(length) | max // 0) as $i | [.[][$i]]]`.
  "transpose/0": fn((v) => {
    const rows = iterableValues(v);
    if (rows === null) throw new JqThrow(`Cannot iterate over ${describeValue(v)}`);
    let max = 0;
    for (const r of rows) max = Math.max(max, length(r));
    const out: unknown[][] = [];
    for (let j = 0; j < max; j++) out.push(rows.map((r) => indexValue(r, j)));
    return out;
  }),
};
