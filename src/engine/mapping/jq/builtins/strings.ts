/** String builtins: prefixes and suffixes, trimming, case, code points, split. */
import { DecimalLiteral } from "../decimal.js";
import { JqThrow } from "../errors.js";
import { splitString } from "../operators.js";
import { describeValue } from "../values.js";
import { stringIndices } from "./collections.js";
import { applyFormat } from "./formats.js";
import { fn, type NativeTable } from "./native.js";

const WHITESPACE =
  "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && WHITESPACE.includes(s[i] as string)) i++;
  return s.slice(i);
}

function trimEnd(s: string): string {
  let i = s.length;
  while (i > 0 && WHITESPACE.includes(s[i - 1] as string)) i--;
  return s.slice(0, i);
}

function requireTrimInput(v: unknown): string {
  if (typeof v !== "string") throw new JqThrow("trim input must be a string");
  return v;
}

function startsWith(v: unknown, prefix: unknown): boolean {
  if (typeof v !== "string" || typeof prefix !== "string") {
    throw new JqThrow("startswith() requires string inputs");
  }
  return v.startsWith(prefix);
}

function endsWith(v: unknown, suffix: unknown): boolean {
  if (typeof v !== "string" || typeof suffix !== "string")
    throw new JqThrow("endswith() requires string inputs");
  return v.endsWith(suffix);
}

function ltrimstr(v: unknown, prefix: unknown): unknown {
  return startsWith(v, prefix) ? (v as string).slice((prefix as string).length) : v;
}

function rtrimstr(v: unknown, suffix: unknown): unknown {
  return endsWith(v, suffix) && (suffix as string).length > 0
    ? (v as string).slice(0, (v as string).length - (suffix as string).length)
    : v;
}

function asciiCase(v: unknown, upper: boolean): string {
  if (typeof v !== "string") {
    throw new JqThrow("explode input must be a string");
  }
  return upper ? v.replace(/[a-z]/g, (c) => c.toUpperCase()) : v.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function explode(v: unknown): number[] {
  if (typeof v !== "string") throw new JqThrow("explode input must be a string");
  const out: number[] = [];
  for (const ch of v) out.push(ch.codePointAt(0) as number);
  return out;
}

export function implode(v: unknown): string {
  if (!Array.isArray(v)) throw new JqThrow("implode input must be an array");
  let out = "";
  for (const raw of v) {
    const c = raw instanceof DecimalLiteral ? raw.value : raw;
    if (typeof c !== "number" || Number.isNaN(c)) {
      throw new JqThrow(
        `${describeValue(c === undefined ? null : c)} can't be imploded, unicode codepoint needs to be numeric`,
      );
    }
    const cp = Math.trunc(c);
    const valid = cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    out += String.fromCodePoint(valid ? cp : 0xfffd);
  }
  return out;
}

function strIndices(v: unknown, needle: unknown): number[] {
  if (typeof v !== "string")
    throw new JqThrow(`${describeValue(v)} cannot be searched, as it is not a string`);
  if (typeof needle !== "string") throw new JqThrow(`${describeValue(needle)} is not a string`);
  return stringIndices(v, needle);
}

export const STRINGS: NativeTable = {
  "startswith/1": fn(startsWith),
  "endswith/1": fn(endsWith),
  "ltrimstr/1": fn(ltrimstr),
  "rtrimstr/1": fn(rtrimstr),
  "trimstr/1": fn((v, s) => rtrimstr(ltrimstr(v, s), s)),
  "trim/0": fn((v) => trimEnd(trimStart(requireTrimInput(v)))),
  "ltrim/0": fn((v) => trimStart(requireTrimInput(v))),
  "rtrim/0": fn((v) => trimEnd(requireTrimInput(v))),
  "ascii_downcase/0": fn((v) => asciiCase(v, false)),
  "ascii_upcase/0": fn((v) => asciiCase(v, true)),
  "explode/0": fn(explode),
  "implode/0": fn(implode),
  "_strindices/1": fn(strIndices),
  "split/1": fn((v, sep) => {
    if (typeof v !== "string" || typeof sep !== "string") {
      throw new JqThrow("split input and separator must be strings");
    }
    return splitString(v, sep);
  }),
  "format/1": fn((v, name) => {
    if (typeof name !== "string") throw new JqThrow(`${describeValue(name)} is not a valid format`);
    return applyFormat(name, v);
  }),
};
