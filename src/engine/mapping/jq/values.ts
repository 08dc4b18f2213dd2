import { compareDecimals, DecimalLiteral } from "./decimal.js";
import { JqThrow } from "./errors.js";

/** JSON values as plain JS values, and the jq facts about them: type names, truthiness, total order. */

export type JsonObject = { [key: string]: unknown };
export type JqType = "null" | "boolean" | "number" | "string" | "array" | "object";

export function typeOf(v: unknown): JqType {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
    default:
      return Array.isArray(v) ? "array" : v instanceof DecimalLiteral ? "number" : "object";
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof DecimalLiteral);
}

export function isTruthy(v: unknown): boolean {
  return v !== null && v !== false && v !== undefined;
}

/** Own property read: `{}["constructor"]` must be null, not Object's constructor. */
export function getKey(o: JsonObject, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : null;
}

/** Own property write that also works for `__proto__`. */
export function setKey(o: JsonObject, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    o[key] = value;
  }
}

/** Compares strings by Unicode code point, as jq does on UTF-8 bytes (JS compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs === ys) return x < y ? -1 : 1;
      // A surrogate (code point >= U+10000) sorts after any BMP character.
      return xs ? 1 : -1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function sortedKeys(o: JsonObject): string[] {
  return Object.keys(o).sort(compareStrings);
}

const TYPE_RANK: Record<JqType, number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5 };

function rank(v: unknown): number {
  if (v === false) return 1;
  if (v === true) return 2;
  const r = TYPE_RANK[typeOf(v)];
  return r === 0 ? 0 : r + 1;
}

/** jq's total order: null < false < true < numbers < strings < arrays < objects. */
export function compareValues(a: unknown, b: unknown): number {
  try {
    return compareDeep(a, b);
  } catch (e) {
    throw tooDeep(e, "Comparison too deep");
  }
}

export function equalValues(a: unknown, b: unknown): boolean {
  try {
    return equalDeep(a, b);
  } catch (e) {
    throw tooDeep(e, "Equality check too deep");
  }
}

/** Nesting beyond what the JS stack holds is reported the way jq reports its own depth limit. */
export function tooDeep(e: unknown, message: string): unknown {
  return e instanceof RangeError ? new JqThrow(message) : e;
}

function compareDeep(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (ra === 3) {
    if (a instanceof DecimalLiteral && b instanceof DecimalLiteral) return compareDecimals(a, b);
    const x = a instanceof DecimalLiteral ? a.value : (a as number);
    const y = b instanceof DecimalLiteral ? b.value : (b as number);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
  }
  switch (typeof a) {
    case "number": {
      const x = a as number;
      const y = b as number;
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
    }
    case "string":
      return compareStrings(a as string, b as string);
    case "object": {
      if (a === null) return 0;
      if (Array.isArray(a)) {
        const bb = b as unknown[];
        const n = Math.min(a.length, bb.length);
        for (let i = 0; i < n; i++) {
          const c = compareDeep(a[i], bb[i]);
          if (c !== 0) return c;
        }
        return a.length < bb.length ? -1 : a.length > bb.length ? 1 : 0;
      }
      const oa = a as JsonObject;
      const ob = b as JsonObject;
      const ka = sortedKeys(oa);
      const kb = sortedKeys(ob);
      const kc = compareDeep(ka, kb);
      if (kc !== 0) return kc;
      for (const k of ka) {
        const c = compareDeep(oa[k], ob[k]);
        if (c !== 0) return c;
      }
      return 0;
    }
    default:
      return 0;
  }
}

function equalDeep(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (a instanceof DecimalLiteral || b instanceof DecimalLiteral) {
    if (a instanceof DecimalLiteral && b instanceof DecimalLiteral) return compareDecimals(a, b) === 0;
    const x = a instanceof DecimalLiteral ? a.value : a;
    const y = b instanceof DecimalLiteral ? b.value : b;
    return typeof x === "number" && x === y;
  }
  if (typeof a !== typeof b) return (a === null || a === undefined) && (b === null || b === undefined);
  if (typeof a !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalDeep(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const oa = a as JsonObject;
  const ob = b as JsonObject;
  const ka = Object.keys(oa);
  if (ka.length !== Object.keys(ob).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(ob, k) || !equalDeep(oa[k], ob[k])) return false;
  }
  return true;
}

// ---- serialisation (tojson, error messages) ----

const DBL_MAX = "1.7976931348623157e+308";

/** Formats a double the way jq 1.8 prints it: shortest round-trip digits, `1e-05`, `1e+17`, `1.5`. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "null";
  if (n === Number.POSITIVE_INFINITY) return DBL_MAX;
  if (n === Number.NEGATIVE_INFINITY) return `-${DBL_MAX}`;
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const exp = n.toExponential();
  const eAt = exp.indexOf("e");
  const mantissa = exp.slice(0, eAt);
  const e = Number(exp.slice(eAt + 1));
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const decpt = e + 1;
  let out: string;
  // jq's dtoa formatting: exponent form below 1e-4 or when more than 15 zeros would pad the digits.
  if (decpt <= -4 || decpt > digits.length + 15) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const ee = Math.abs(e);
    out = `${digits[0]}${frac}e${e < 0 ? "-" : "+"}${ee < 10 ? `0${ee}` : ee}`;
  } else if (decpt <= 0) {
    out = `0.${"0".repeat(-decpt)}${digits}`;
  } else if (decpt >= digits.length) {
    out = digits + "0".repeat(decpt - digits.length);
  } else {
    out = `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  return negative ? `-${out}` : out;
}

export function escapeString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x7f) continue;
    out += s.slice(start, i);
    start = i + 1;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += "\\\\";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x09:
        out += "\\t";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x0c:
        out += "\\f";
        break;
      default:
        out += `\\u${c.toString(16).padStart(4, "0")}`;
    }
  }
  return `${out + s.slice(start)}"`;
}

function scalarJson(v: unknown): string {
  if (v instanceof DecimalLiteral) return v.text;
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return formatNumber(v);
    case "string":
      return escapeString(v);
    default:
      return "null";
  }
}

interface JsonFrame {
  readonly items: readonly unknown[];
  readonly keys: readonly string[] | null;
  i: number;
}

/**
 * `tojson`: compact JSON in insertion order with jq's number formatting. Iterative, because jq allows
 * 10000 levels of nesting and that would exhaust the JS stack; deeper levels print as jq does.
 */
export function toJson(root: unknown): string {
  if (root === null || typeof root !== "object" || root instanceof DecimalLiteral) return scalarJson(root);
  let out = "";
  const stack: JsonFrame[] = [];
  let v: unknown = root;
  while (true) {
    if (v !== null && typeof v === "object" && !(v instanceof DecimalLiteral)) {
      if (stack.length > 10000) out += "<skipped: too deep>";
      else if (Array.isArray(v)) {
        out += "[";
        stack.push({ items: v, keys: null, i: 0 });
      } else {
        const o = v as JsonObject;
        const keys = Object.keys(o);
        out += "{";
        stack.push({ items: keys.map((k) => o[k]), keys, i: 0 });
      }
    } else {
      out += scalarJson(v);
    }
    let next = false;
    while (stack.length > 0) {
      const f = stack[stack.length - 1] as JsonFrame;
      if (f.i < f.items.length) {
        if (f.i > 0) out += ",";
        if (f.keys) out += `${escapeString(f.keys[f.i] as string)}:`;
        v = f.items[f.i];
        f.i++;
        next = true;
        break;
      }
      out += f.keys ? "}" : "]";
      stack.pop();
    }
    if (!next) return out;
  }
}

const encoder = new TextEncoder();

/**
 * Cuts a dump to jq's error-message buffer (30 bytes): at most 25 bytes (26 without a closing delimiter)
 * on a UTF-8 character boundary, then `...` and the closing `"`, `]` or `}`.
 */
function truncateDump(dump: string): string {
  if (encoder.encode(dump).length <= 29) return dump;
  const first = dump[0];
  const delim = first === '"' ? '"' : first === "[" ? "]" : first === "{" ? "}" : "";
  const budget = delim ? 25 : 26;
  let bytes = 0;
  let out = "";
  for (const ch of dump) {
    const size = encoder.encode(ch).length;
    if (bytes + size > budget) break;
    bytes += size;
    out += ch;
  }
  return `${out}...${delim}`;
}

/** A value dumped for an error message, cut like jq does. */
export function dumpForError(v: unknown): string {
  return truncateDump(toJson(v));
}

/** `number (1)`, `string ("a")` — how jq names a value in error messages. */
export function describeValue(v: unknown): string {
  const t = typeOf(v);
  return `${t} (${truncateDump(toJson(v))})`;
}
