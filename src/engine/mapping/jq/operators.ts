import type { BinaryOp } from "./ast.js";
import { checkSize } from "./budget.js";
import { DecimalLiteral } from "./decimal.js";
import { JqThrow } from "./errors.js";
import {
  compareValues,
  describeValue,
  equalValues,
  getKey,
  isObject,
  type JsonObject,
  setKey,
} from "./values.js";

function fail(a: unknown, b: unknown, verb: string): never {
  throw new JqThrow(`${describeValue(a)} and ${describeValue(b)} cannot be ${verb}`);
}

export function add(rawA: unknown, rawB: unknown): unknown {
  const a = rawA instanceof DecimalLiteral ? rawA.value : rawA;
  const b = rawB instanceof DecimalLiteral ? rawB.value : rawB;
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") {
    checkSize(a.length + b.length);
    return a + b;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    checkSize((a.length + b.length) * 8);
    return a.concat(b);
  }
  if (isObject(a) && isObject(b)) {
    const out: JsonObject = { ...a };
    for (const k of Object.keys(b)) setKey(out, k, b[k]);
    return out;
  }
  return fail(rawA, rawB, "added");
}

export function subtract(rawA: unknown, rawB: unknown): unknown {
  const a = rawA instanceof DecimalLiteral ? rawA.value : rawA;
  const b = rawB instanceof DecimalLiteral ? rawB.value : rawB;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.filter((x) => !b.some((y) => equalValues(x, y)));
  }
  return fail(rawA, rawB, "subtracted");
}

function repeatString(s: string, n: number): unknown {
  if (n < 0 || Number.isNaN(n)) return null;
  const times = Math.floor(n);
  if (s.length * times > 0x1fffffe8 / 2) throw new JqThrow("Repeat string result too long");
  checkSize(s.length * times);
  return s.repeat(times);
}

/** Recursive object merge (`*`), iterative so that jq's 10000 levels fit. */
export function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const root: JsonObject = { ...a };
  const work: { out: JsonObject; from: JsonObject; depth: number }[] = [{ out: root, from: b, depth: 0 }];
  while (work.length > 0) {
    const { out, from, depth } = work.pop() as { out: JsonObject; from: JsonObject; depth: number };
    if (depth > 10000) throw new JqThrow("Object merge too deep");
    for (const k of Object.keys(from)) {
      const bv = from[k];
      const av = getKey(out, k);
      if (isObject(av) && isObject(bv)) {
        const merged: JsonObject = { ...av };
        setKey(out, k, merged);
        work.push({ out: merged, from: bv, depth: depth + 1 });
      } else {
        setKey(out, k, bv);
      }
    }
  }
  return root;
}

export function multiply(rawA: unknown, rawB: unknown): unknown {
  const a = rawA instanceof DecimalLiteral ? rawA.value : rawA;
  const b = rawB instanceof DecimalLiteral ? rawB.value : rawB;
  if (typeof a === "number" && typeof b === "number") return a * b;
  if (typeof a === "string" && typeof b === "number") return repeatString(a, b);
  if (typeof a === "number" && typeof b === "string") return repeatString(b, a);
  if (isObject(a) && isObject(b)) return deepMerge(a, b);
  return fail(rawA, rawB, "multiplied");
}

export function divide(rawA: unknown, rawB: unknown): unknown {
  const a = rawA instanceof DecimalLiteral ? rawA.value : rawA;
  const b = rawB instanceof DecimalLiteral ? rawB.value : rawB;
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) fail(rawA, rawB, "divided because the divisor is zero");
    return a / b;
  }
  if (typeof a === "string" && typeof b === "string") return splitString(a, b);
  return fail(rawA, rawB, "divided");
}

export function splitString(s: string, sep: string): string[] {
  if (s === "") return [];
  if (sep === "") {
    // jq splits into code points, not UTF-16 units.
    return Array.from(s);
  }
  return s.split(sep);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** jq casts both operands to a 64-bit integer (saturating) before taking the remainder. */
function toInt64(n: number): bigint {
  if (n >= 9.223372036854776e18) return INT64_MAX;
  if (n <= -9.223372036854776e18) return INT64_MIN;
  return BigInt(Math.trunc(n));
}

export function modulo(rawA: unknown, rawB: unknown): unknown {
  const a = rawA instanceof DecimalLiteral ? rawA.value : rawA;
  const b = rawB instanceof DecimalLiteral ? rawB.value : rawB;
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
    const y = toInt64(b);
    if (y === 0n) fail(rawA, rawB, "divided (remainder) because the divisor is zero");
    if (Math.abs(a) < 2 ** 53 && Math.abs(b) < 2 ** 53) {
      const r = Math.trunc(a) % Math.trunc(b);
      return r === 0 ? 0 : r;
    }
    const x = toInt64(a);
    if (y === -1n) return 0;
    return Number(x % y);
  }
  return fail(rawA, rawB, "divided (remainder)");
}

export function binaryOp(op: BinaryOp, a: unknown, b: unknown): unknown {
  switch (op) {
    case "+":
      return add(a, b);
    case "-":
      return subtract(a, b);
    case "*":
      return multiply(a, b);
    case "/":
      return divide(a, b);
    case "%":
      return modulo(a, b);
    case "==":
      return equalValues(a, b);
    case "!=":
      return !equalValues(a, b);
    case "<":
      return compareValues(a, b) < 0;
    case "<=":
      return compareValues(a, b) <= 0;
    case ">":
      return compareValues(a, b) > 0;
    case ">=":
      return compareValues(a, b) >= 0;
  }
}
