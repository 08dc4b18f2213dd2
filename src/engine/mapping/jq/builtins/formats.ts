/** `@format` filters and format strings (`@base64 "x\(.)"`). */
import { JqThrow } from "../errors.js";
import { describeValue, toJson, typeOf } from "../values.js";

export function toText(v: unknown): string {
  return typeof v === "string" ? v : toJson(v);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

function html(s: string): string {
  return s.replace(/[<>&'"]/g, (c) =>
    c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : c === "'" ? "&apos;" : "&quot;",
  );
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

function uri(s: string): string {
  let out = "";
  for (const ch of s) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const b of encoder.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function uriDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === "%") {
      throw new JqThrow(`${describeValue(s)} is not a valid uri encoding`);
    } else {
      for (const b of encoder.encode(c)) bytes.push(b);
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

function csvField(v: unknown): string {
  switch (typeOf(v)) {
    case "number":
      return toJson(v);
    case "string":
      return `"${(v as string).replace(/"/g, '""')}"`;
    case "boolean":
      return v ? "true" : "false";
    case "null":
      return "";
    default:
      throw new JqThrow(`${describeValue(v)} is not valid in a csv row`);
  }
}

function tsvField(v: unknown): string {
  switch (typeOf(v)) {
    case "number":
      return toJson(v);
    case "string":
      return (v as string).replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      );
    case "boolean":
      return v ? "true" : "false";
    case "null":
      return "";
    default:
      throw new JqThrow(`${describeValue(v)} is not valid in a tsv row`);
  }
}

function shQuote(v: unknown): string {
  switch (typeOf(v)) {
    case "string":
      return `'${(v as string).replace(/'/g, "'\\''")}'`;
    case "array":
    case "object":
      throw new JqThrow(`${describeValue(v)} can not be escaped for shell`);
    default:
      return toJson(v);
  }
}

export function base64Encode(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

export function base64Decode(s: string): string {
  const cleaned = s.replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(cleaned) || cleaned.length % 4 === 1) {
    throw new JqThrow(`${describeValue(s)} is not valid base64 data`);
  }
  return decoder.decode(Buffer.from(cleaned, "base64"));
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Encode(s: string): string {
  const bytes = encoder.encode(s);
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += "=";
  return out;
}

function base32Decode(s: string): string {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of s.replace(/=+$/, "")) {
    const k = B32.indexOf(c);
    if (k < 0) throw new JqThrow(`${describeValue(s)} is not valid base32 data`);
    value = ((value << 5) | k) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

export const FORMAT_NAMES = new Set([
  "text",
  "json",
  "html",
  "uri",
  "urid",
  "csv",
  "tsv",
  "sh",
  "base64",
  "base64d",
  "base32",
  "base32d",
]);

export function applyFormat(name: string, v: unknown): unknown {
  switch (name) {
    case "text":
      return toText(v);
    case "json":
      return toJson(v);
    case "html":
      return html(toText(v));
    case "uri":
      return uri(toText(v));
    case "urid":
      return uriDecode(toText(v));
    case "csv":
      if (!Array.isArray(v))
        throw new JqThrow(`${describeValue(v)} cannot be csv-formatted, only an array can be`);
      return v.map(csvField).join(",");
    case "tsv":
      if (!Array.isArray(v))
        throw new JqThrow(`${describeValue(v)} cannot be tsv-formatted, only an array can be`);
      return v.map(tsvField).join("\t");
    case "sh":
      return Array.isArray(v) ? v.map(shQuote).join(" ") : shQuote(v);
    case "base64":
      return base64Encode(toText(v));
    case "base64d":
      return base64Decode(toText(v));
    case "base32":
      return base32Encode(toText(v));
    case "base32d":
      return base32Decode(toText(v));
    default:
      throw new JqThrow(`${name} is not a valid format`);
  }
}
