/** Builtins about single values: length, keys, has, contains, type conversions, JSON text. */
import { codePoints, indexValue } from "../access.js";
import { DecimalLiteral, negateDecimal, numberLiteral } from "../decimal.js";
import { JqThrow } from "../errors.js";
import { parseJson } from "../json-parse.js";
import { add } from "../operators.js";
import {
  describeValue,
  equalValues,
  isObject,
  isTruthy,
  type JsonObject,
  setKey,
  sortedKeys,
  toJson,
  tooDeep,
  typeOf,
} from "../values.js";
import { toText } from "./formats.js";
import { fn, type NativeTable } from "./native.js";

const encoder = new TextEncoder();

export function length(v: unknown): number {
  switch (typeOf(v)) {
    case "null":
      return 0;
    case "boolean":
      throw new JqThrow(`${describeValue(v)} has no length`);
    case "number":
      return Math.abs(v as number);
    case "string": {
      const s = v as string;
      const cps = codePoints(s);
      return cps === null ? s.length : cps.length;
    }
    case "array":
      return (v as unknown[]).length;
    default:
      return Object.keys(v as JsonObject).length;
  }
}

export function keys(v: unknown, sorted: boolean): unknown[] {
  if (isObject(v)) return sorted ? sortedKeys(v) : Object.keys(v);
  if (Array.isArray(v)) return v.map((_, i) => i);
  throw new JqThrow(`${describeValue(v)} has no keys`);
}

export function has(v: unknown, k: unknown): boolean {
  if (isObject(v) && typeof k === "string") return Object.hasOwn(v, k);
  if (Array.isArray(v) && typeof k === "number") return k >= 0 && k < v.length;
  throw new JqThrow(`Cannot check whether ${typeOf(v)} has a ${typeOf(k)} key`);
}

/** jq's `contains`: substring for strings, recursive subset for arrays and objects. */
export function contains(a: unknown, b: unknown): boolean {
  const ta = typeOf(a);
  const tb = typeOf(b);
  // true and false are different kinds for jq.
  if (ta !== tb || (ta === "boolean" && a !== b)) {
    throw new JqThrow(`${describeValue(a)} and ${describeValue(b)} cannot have their containment checked`);
  }
  try {
    return containsDeep(a, b, 0);
  } catch (e) {
    throw tooDeep(e, "Containment check too deep");
  }
}

function containsDeep(a: unknown, b: unknown, depth: number): boolean {
  if (depth > 10000) throw new JqThrow("Containment check too deep");
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  if (ta === "object") {
    const oa = a as JsonObject;
    const ob = b as JsonObject;
    for (const k of Object.keys(ob)) {
      if (!Object.hasOwn(oa, k) || !containsDeep(oa[k], ob[k], depth + 1)) return false;
    }
    return true;
  }
  if (ta === "array") {
    return (b as unknown[]).every((x) => (a as unknown[]).some((y) => containsDeep(y, x, depth + 1)));
  }
  if (ta === "string") return (a as string).includes(b as string);
  return equalValues(a, b);
}

const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Numbers pass through; strings are read as decimal literals (jq with decNumber keeps `"1.000"`'s text). */
export function toNumber(v: unknown): number | DecimalLiteral {
  if (typeof v === "number" || v instanceof DecimalLiteral) return v;
  if (typeof v === "string") {
    const s = v.startsWith("+") ? v.slice(1) : v;
    if (NUMBER_TEXT.test(s)) return numberLiteral(s, true);
    if (s === "nan" || s === "NaN") return Number.NaN;
    throw new JqThrow(`${describeValue(v)} cannot be parsed as a number`);
  }
  throw new JqThrow(`${describeValue(v)} cannot be parsed as a number`);
}

function toBoolean(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new JqThrow(`${describeValue(v)} cannot be parsed as a boolean`);
}

export function addAll(v: unknown): unknown {
  if (isObject(v)) v = Object.values(v);
  if (!Array.isArray(v)) {
    throw new JqThrow(`Cannot iterate over ${describeValue(v)}`);
  }
  if (v.length === 0) return null;
  // Fast paths: adding many strings or arrays pairwise would be quadratic.
  if (v.every((x) => typeof x === "string" || x === null)) return v.filter((x) => x !== null).join("");
  if (v.every((x) => Array.isArray(x) || x === null))
    return ([] as unknown[]).concat(...v.filter((x) => x !== null));
  let acc: unknown = null;
  for (const x of v) acc = add(acc, x);
  return acc;
}

/** `{key, value}` pairs (also `Key`/`name`/`Name` and `Value`) back to an object. */
function fromEntries(v: unknown): unknown {
  const items = isObject(v) ? Object.values(v) : v;
  if (!Array.isArray(items)) {
    throw new JqThrow(`Cannot iterate over ${describeValue(v)}`);
  }
  const out: JsonObject = {};
  for (const e of items) {
    let key: unknown = null;
    for (const name of ["key", "Key", "name", "Name"]) {
      key = indexValue(e, name);
      if (isTruthy(key)) break;
    }
    if (typeof key !== "string") throw new JqThrow(`Cannot use ${describeValue(key)} as object key`);
    const value = isObject(e) && Object.hasOwn(e, "value") ? e.value : indexValue(e, "Value");
    setKey(out, key, value);
  }
  return out;
}

function toEntries(v: unknown): unknown {
  if (isObject(v)) return Object.keys(v).map((key) => ({ key, value: v[key] }));
  if (Array.isArray(v)) return v.map((value, key) => ({ key, value }));
  throw new JqThrow(`${describeValue(v)} has no keys`);
}

export const TYPES: NativeTable = {
  "length/0": fn(
    (v) => (v instanceof DecimalLiteral ? (v.value < 0 ? negateDecimal(v) : v) : length(v)),
    true,
  ),
  "utf8bytelength/0": fn((v) => {
    if (typeof v !== "string") throw new JqThrow(`${describeValue(v)} only strings have UTF-8 byte length`);
    return encoder.encode(v).length;
  }),
  "not/0": fn((v) => !isTruthy(v)),
  "type/0": fn(typeOf, true),
  "keys/0": fn((v) => keys(v, true)),
  "keys_unsorted/0": fn((v) => keys(v, false)),
  "has/1": fn(has),
  "contains/1": fn(contains),
  "tostring/0": fn(toText, true),
  "tonumber/0": fn(toNumber, true),
  "toboolean/0": fn(toBoolean),
  "tojson/0": fn((v) => toJson(v), true),
  "fromjson/0": fn((v) => {
    if (typeof v !== "string") throw new JqThrow(`${describeValue(v)} only strings can be parsed`);
    return parseJson(v, true);
  }),
  "infinite/0": fn(() => Number.POSITIVE_INFINITY),
  "nan/0": fn(() => Number.NaN),
  "isinfinite/0": fn((v) => {
    if (typeof v !== "number") throw new JqThrow(`${describeValue(v)} number required`);
    return v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY;
  }),
  "isnan/0": fn((v) => {
    if (typeof v !== "number") throw new JqThrow(`${describeValue(v)} number required`);
    return Number.isNaN(v);
  }),
  "isnormal/0": fn((v) => {
    if (typeof v !== "number") throw new JqThrow(`${describeValue(v)} number required`);
    return Number.isFinite(v) && v !== 0 && Math.abs(v) >= 2.2250738585072014e-308;
  }),
  "add/0": fn(addAll),
  "to_entries/0": fn(toEntries),
  "from_entries/0": fn(fromEntries),
  "have_decnum/0": fn(() => true),
  "have_literal_numbers/0": fn(() => true),
};
