/** `@format` filters and format strings (`@base64 "x\(.)"`). */
import { JqThrow } from "../errors.js";
import { describeValue, toJson, typeOf } from "../values.js";

export function toText(v: unknown): string {
  return typeof v === "string" ? v : toJson(v);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

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
  try {
    return strictDecoder.decode(new Uint8Array(bytes));
  } catch {
    throw new JqThrow(`${describeValue(s)} is not a valid uri encoding`);
  }
}

function csvField(v: unknown): string {
  switch (typeOf(v)) {
    case "number":
      // NaN is an empty field.
      return typeof v === "number" && Number.isNaN(v) ? "" : toJson(v);
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
      // NaN is an empty field.
      return typeof v === "number" && Number.isNaN(v) ? "" : toJson(v);
    case "string":
      return (v as string).replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      );
    case "boolean":
      return v ? "true" : "false";
    case "null":
      return "";
    default:
      throw new JqThrow(`${describeValue(v)} is not valid in a csv row`);
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

/** Decoding stops at the first `=`; a single leftover character is an error, missing padding is fine. */
export function base64Decode(s: string): string {
  const end = s.indexOf("=");
  const body = end < 0 ? s : s.slice(0, end);
  if (!/^[A-Za-z0-9+/]*$/.test(body)) throw new JqThrow(`${describeValue(s)} is not valid base64 data`);
  if (body.length % 4 === 1) throw new JqThrow(`${describeValue(s)} trailing base64 byte found`);
  return decoder.decode(Buffer.from(body, "base64"));
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
    default:
      throw new JqThrow(`${name} is not a valid format`);
  }
}
