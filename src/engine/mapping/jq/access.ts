/** Reading into values: `.[k]`, `.[a:b]`, `.[]`, with jq's null-tolerance and error messages. */
import { DecimalLiteral } from "./decimal.js";
import { JqThrow } from "./errors.js";
import { describeValue, equalValues, getKey, isObject, typeOf } from "./values.js";

const SURROGATE = /[\uD800-\uDFFF]/;

/** Strings are indexed by code point; most strings have no astral characters and take the fast path. */
export function codePoints(s: string): string[] | null {
  return SURROGATE.test(s) ? Array.from(s) : null;
}

export function indexValue(t: unknown, i: unknown): unknown {
  if (i instanceof DecimalLiteral) i = i.value;
  if (typeof i === "string") {
    if (isObject(t)) return getKey(t, i);
    if (t === null) return null;
  } else if (typeof i === "number") {
    if (Array.isArray(t)) {
      if (Number.isNaN(i)) return null;
      // C's (int) cast: toward zero.
      let k = Math.trunc(i);
      if (k < 0) k += t.length;
      return k >= 0 && k < t.length ? t[k] : null;
    }
    if (t === null) return null;
  } else if (isObject(i) && (Array.isArray(t) || typeof t === "string" || t === null)) {
    return sliceValue(t, getKey(i, "start"), getKey(i, "end"));
  } else if (Array.isArray(i) && Array.isArray(t)) {
    return arrayIndices(t, i);
  }
  throw new JqThrow(`Cannot index ${typeOf(t)} with ${describeValue(i)}`);
}

/** `indices` of a sub-array: every position where `needle` occurs as a contiguous run. */
export function arrayIndices(hay: readonly unknown[], needle: readonly unknown[]): unknown {
  if (needle.length === 0) return null;
  const out: number[] = [];
  for (let p = 0; p + needle.length <= hay.length; p++) {
    let ok = true;
    for (let q = 0; q < needle.length; q++) {
      if (!equalValues(hay[p + q], needle[q])) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(p);
  }
  return out;
}

/** Clamps slice bounds the way jq does: floor the start, ceil the end, negatives count from the end. */
export function sliceBounds(len: number, from: unknown, to: unknown): [number, number] {
  if (from instanceof DecimalLiteral) from = from.value;
  if (to instanceof DecimalLiteral) to = to.value;
  if ((from !== null && typeof from !== "number") || (to !== null && typeof to !== "number")) {
    throw new JqThrow("Array/string slice indices must be integers");
  }
  let start = from === null || Number.isNaN(from) ? 0 : Math.floor(from);
  let end = to === null || Number.isNaN(to) ? len : Math.ceil(to);
  if (start < 0) start = Math.max(0, len + start);
  if (end < 0) end = Math.max(0, len + end);
  if (start > len) start = len;
  if (end > len) end = len;
  if (end < start) end = start;
  return [start, end];
}

export function sliceValue(t: unknown, from: unknown, to: unknown): unknown {
  if (t === null) return null;
  if (Array.isArray(t)) {
    const [s, e] = sliceBounds(t.length, from, to);
    return t.slice(s, e);
  }
  if (typeof t === "string") {
    const cps = codePoints(t);
    if (cps === null) {
      const [s, e] = sliceBounds(t.length, from, to);
      return t.slice(s, e);
    }
    const [s, e] = sliceBounds(cps.length, from, to);
    return cps.slice(s, e).join("");
  }
  throw new JqThrow("Only arrays and strings can be sliced");
}

export function iterateError(t: unknown): JqThrow {
  return new JqThrow(`Cannot iterate over ${describeValue(t)}`);
}

/** The values `.[]` yields, or null when the value cannot be iterated. */
export function iterableValues(t: unknown): readonly unknown[] | null {
  if (Array.isArray(t)) return t;
  if (isObject(t)) return Object.values(t);
  return null;
}
