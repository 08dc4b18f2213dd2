/**
 * Regex builtins. jq uses Oniguruma (Perl-NT syntax); patterns are translated to JS RegExp with the `u`
 * flag. Offsets and lengths are reported in code points, as jq does.
 */
import type { Closure } from "../environment.js";
import { JqThrow } from "../errors.js";
import { describeValue, type JsonObject, setKey } from "../values.js";
import type { NativeFunction, NativeTable } from "./native.js";

interface CompiledRegex {
  readonly re: RegExp;
  readonly global: boolean;
  readonly skipEmpty: boolean;
  readonly names: (string | null)[];
}

const cache = new Map<string, CompiledRegex>();

const POSIX_CLASSES: Record<string, string> = {
  alpha: "\\p{Alphabetic}",
  digit: "0-9",
  alnum: "\\p{Alphabetic}\\p{Nd}",
  upper: "\\p{Uppercase}",
  lower: "\\p{Lowercase}",
  space: "\\s",
  blank: " \\t",
  punct: "\\p{P}",
  cntrl: "\\p{Cc}",
  xdigit: "0-9A-Fa-f",
  word: "\\p{L}\\p{M}\\p{N}\\p{Pc}",
  print: "\\P{C}",
  graph: "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}",
  ascii: "\\x00-\\x7f",
};

const SYNTAX_CHARS = "^$\\.*+?()[]{}|/";
const WORD_CLASS = "\\p{L}\\p{M}\\p{N}\\p{Pc}";

function stripExtended(src: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === "\\") {
      out += c + (src[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** Rewrites Oniguruma-only syntax into its JS equivalent. */
function translate(src: string, flags: { i: boolean; dotAll: boolean }): string {
  let out = "";
  let classDepth = 0;
  let i = 0;
  const groupStarts: number[] = [];
  // Leading inline options, e.g. `(?i)`.
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    if (inline[1]?.includes("i")) flags.i = true;
    if (inline[1]?.includes("m")) flags.dotAll = true;
    if (inline[1]?.includes("x")) src = stripExtended(src.slice(inline[0].length));
    else src = src.slice(inline[0].length);
  }
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\\") {
      const e = src[i + 1];
      i += 2;
      if (e === undefined) {
        out += "\\\\";
        continue;
      }
      switch (e) {
        case "A":
          out += classDepth ? "A" : "(?<![\\s\\S])";
          continue;
        case "z":
          out += classDepth ? "z" : "(?![\\s\\S])";
          continue;
        case "Z":
          out += classDepth ? "Z" : "(?=\\n?(?![\\s\\S]))";
          continue;
        case "G":
          continue;
        case "h":
          out += classDepth ? "0-9a-fA-F" : "[0-9a-fA-F]";
          continue;
        case "H":
          out += classDepth ? "\\W" : "[^0-9a-fA-F]";
          continue;
        case "w":
          out += classDepth ? WORD_CLASS : `[${WORD_CLASS}]`;
          continue;
        case "W":
          out += classDepth ? "\\W" : `[^${WORD_CLASS}]`;
          continue;
        case "b":
          // Oniguruma's word boundary is Unicode-aware (combining marks are word characters).
          out += classDepth
            ? "\\x08"
            : `(?:(?<=[${WORD_CLASS}])(?![${WORD_CLASS}])|(?<![${WORD_CLASS}])(?=[${WORD_CLASS}]))`;
          continue;
        case "B":
          out += classDepth
            ? "B"
            : `(?:(?<=[${WORD_CLASS}])(?=[${WORD_CLASS}])|(?<![${WORD_CLASS}])(?![${WORD_CLASS}]))`;
          continue;
        case "d":
          out += "\\p{Nd}";
          continue;
        case "D":
          out += "\\P{Nd}";
          continue;
        case "e":
          out += "\\x1b";
          continue;
        case "a":
          out += "\\x07";
          continue;
        default:
          break;
      }
      if (/[0-9A-Za-z]/.test(e)) {
        out += `\\${e}`;
        if ((e === "p" || e === "P") && src[i] === "{") {
          const end = src.indexOf("}", i);
          out += src.slice(i, end + 1);
          i = end + 1;
        } else if (e === "k" && src[i] === "<") {
          const end = src.indexOf(">", i);
          out += src.slice(i, end + 1);
          i = end + 1;
        }
        continue;
      }
      if (SYNTAX_CHARS.includes(e) || (classDepth > 0 && e === "-")) out += `\\${e}`;
      else out += `\\u{${(e.codePointAt(0) as number).toString(16)}}`;
      continue;
    }
    if (classDepth > 0) {
      if (c === "[" && src[i + 1] === ":") {
        const end = src.indexOf(":]", i + 2);
        const name = end > 0 ? src.slice(i + 2, end) : "";
        const negated = name.startsWith("^");
        const cls = POSIX_CLASSES[negated ? name.slice(1) : name];
        if (cls !== undefined && !negated) {
          out += cls;
          i = end + 2;
          continue;
        }
      }
      if (c === "[") {
        out += "\\[";
        i++;
        continue;
      }
      if (c === "]") classDepth = 0;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      classDepth = 1;
      out += c;
      i++;
      if (src[i] === "^") {
        out += "^";
        i++;
      }
      // A `]` right after `[` or `[^` is literal in Oniguruma.
      if (src[i] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === ")" && groupStarts.length > 0) {
      const start = groupStarts.pop() as number;
      out += ")";
      i++;
      // Oniguruma lets an optional group match empty (`(a?)?` on "b" captures ""); JS leaves it unset.
      // An alternation with an empty branch behaves like Oniguruma's `?` and `??`.
      if (src[i] === "?" && src[i + 1] !== "+") {
        const lazy = src[i + 1] === "?";
        const group = out.slice(start);
        out = `${out.slice(0, start)}${lazy ? `(?:|${group})` : `(?:${group}|)`}`;
        i += lazy ? 2 : 1;
      }
      continue;
    }
    if (c === "(") groupStarts.push(out.length);
    if (c === "(" && src[i + 1] === "?") {
      if (src[i + 2] === "#") {
        groupStarts.pop();
        const end = src.indexOf(")", i);
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (src[i + 2] === ">") {
        out += "(?:";
        i += 3;
        continue;
      }
      if (src[i + 2] === "P" && src[i + 3] === "<") {
        out += "(?<";
        i += 4;
        continue;
      }
    }
    if ((c === "+" || c === "?") && i > 0 && /[*+?}]/.test(src[i - 1] as string) && src[i - 2] !== "\\") {
      // Possessive quantifiers (`a*+`) have no JS form; treat them as greedy. `*?` stays lazy.
      if (c === "+") {
        i++;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

function compile(re: unknown, flags: unknown): CompiledRegex {
  if (typeof re !== "string")
    throw new JqThrow(`${describeValue(re)} cannot be matched, as it is not a string`);
  if (flags !== null && typeof flags !== "string")
    throw new JqThrow(`${describeValue(flags)} is not a string`);
  const key = `${flags ?? ""}/${re}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let global = false;
  let skipEmpty = false;
  let extended = false;
  const opts = { i: false, dotAll: false };
  for (const f of flags ?? "") {
    switch (f) {
      case "g":
        global = true;
        break;
      case "i":
        opts.i = true;
        break;
      case "x":
        extended = true;
        break;
      case "n":
        skipEmpty = true;
        break;
      case "s":
      case "l":
        break;
      case "p":
        opts.dotAll = true;
        break;
      default:
        throw new JqThrow(`${flags} is not a valid modifier string`);
    }
  }
  const source = translate(extended ? stripExtended(re) : re, opts);
  const names = groupNames(source);
  let compiled: RegExp;
  try {
    // Group offsets (the `d` flag) cost time on every match; only ask for them when there are groups.
    const d = names.length > 0 ? "d" : "";
    compiled = new RegExp(source, `${d}gu${opts.i ? "i" : ""}${opts.dotAll ? "s" : ""}`);
  } catch (e) {
    // The wording after "Regex failure: " is Oniguruma's in jq; ours comes from the JS engine.
    const reason = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
    throw new JqThrow(`Regex failure: ${reason}`);
  }
  const result = { re: compiled, global, skipEmpty, names };
  if (cache.size > 1000) cache.clear();
  cache.set(key, result);
  return result;
}

/** Names of capture groups in order (null for unnamed ones). */
function groupNames(source: string): (string | null)[] {
  const names: (string | null)[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") {
      if (source[i + 1] !== "?") names.push(null);
      else if (source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!") {
        const end = source.indexOf(">", i);
        names.push(source.slice(i + 3, end));
      }
    }
  }
  return names;
}

/** Converts UTF-16 offsets to code point offsets. */
function cpOffset(s: string, hasAstral: boolean, index: number): number {
  if (!hasAstral) return index;
  let n = 0;
  for (let i = 0; i < index; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

function cpLength(s: string, hasAstral: boolean): number {
  return hasAstral ? Array.from(s).length : s.length;
}

export interface RegexMatch {
  offset: number;
  length: number;
  string: string;
  captures: { offset: number; length: number; string: string | null; name: string | null }[];
}

export function matches(input: unknown, re: unknown, flags: unknown, testOnly = false): RegexMatch[] {
  if (typeof input !== "string") {
    throw new JqThrow(`${describeValue(input)} cannot be matched, as it is not a string`);
  }
  const c = compile(re, flags);
  const regex = c.re;
  const hasAstral = /[\uD800-\uDFFF]/.test(input);
  const out: RegexMatch[] = [];
  regex.lastIndex = 0;
  while (regex.lastIndex <= input.length) {
    const m = regex.exec(input);
    if (m === null) break;
    const start = m.index;
    const text = m[0];
    if (text.length === 0) {
      // Step past an empty match by one code point so the next search can make progress.
      const cp = input.codePointAt(start);
      regex.lastIndex = start + (cp !== undefined && cp > 0xffff ? 2 : 1);
      if (c.skipEmpty) {
        if (start >= input.length) break;
        continue;
      }
    }
    if (testOnly) return [{ offset: 0, length: 0, string: "", captures: [] }];
    const offset = cpOffset(input, hasAstral, start);
    const captures: RegexMatch["captures"] = [];
    const indices = (m as RegExpExecArray & { indices?: ([number, number] | undefined)[] }).indices;
    for (let g = 1; g < m.length; g++) {
      const s = m[g];
      const name = c.names[g - 1] ?? null;
      const span = indices?.[g];
      if (s === undefined || span === undefined) {
        captures.push({ offset: -1, length: 0, string: null, name });
        continue;
      }
      captures.push({
        offset: cpOffset(input, hasAstral, span[0]),
        length: cpLength(s, hasAstral),
        string: s,
        name,
      });
    }
    out.push({ offset, length: cpLength(text, hasAstral), string: text, captures });
    if (!c.global) break;
    if (start >= input.length) break;
  }
  return out;
}

function captureObject(m: RegexMatch): JsonObject {
  const obj: JsonObject = {};
  for (const cap of m.captures) if (cap.name !== null) setKey(obj, cap.name, cap.string);
  return obj;
}

/** `re` may be a string or `[re, flags]` in the one-argument forms. */
function splitArg(val: unknown): [unknown, unknown] {
  if (typeof val === "string") return [val, null];
  if (Array.isArray(val) && val.length > 1) return [val[0], val[1]];
  if (Array.isArray(val) && val.length > 0) return [val[0], null];
  throw new JqThrow(`${describeValue(val).split(" ")[0]} not a string or array`);
}

/**
 * The argument plumbing of the regex builtins. `form` says how jq defines them: "value" takes `re` or
 * `[re, flags]` (match/1, test/1, capture/1); "plain" takes a regex only (scan/1, splits/1); "c" passes
 * flags to the C matcher, whose last argument varies slowest; "jq" binds `$re` then `$flags` in jq.
 */
function both(
  impl: (
    it: Parameters<NativeFunction["values"]>[0],
    input: unknown,
    re: unknown,
    flags: unknown,
  ) => Iterable<unknown>,
  form: "value" | "plain" | "c" | "jq",
): NativeFunction {
  return {
    *values(it, input, args) {
      const reArg = args[0] as Closure;
      if (form === "c") {
        for (const flags of it.evalClosure(args[1] as Closure, input)) {
          for (const re of it.evalClosure(reArg, input)) yield* impl(it, input, re, flags);
        }
        return;
      }
      for (const val of it.evalClosure(reArg, input)) {
        if (form === "jq") {
          for (const flags of it.evalClosure(args[1] as Closure, input)) yield* impl(it, input, val, flags);
        } else if (form === "plain") {
          yield* impl(it, input, val, null);
        } else {
          const [re, flags] = splitArg(val);
          yield* impl(it, input, re, flags);
        }
      }
    },
  };
}

function matchToJson(m: RegexMatch): JsonObject {
  return {
    offset: m.offset,
    length: m.length,
    string: m.string,
    captures: m.captures.map((c) => ({ offset: c.offset, length: c.length, string: c.string, name: c.name })),
  };
}

function* splitByRegex(input: unknown, re: unknown, flags: unknown): Generator<string> {
  if (typeof input !== "string")
    throw new JqThrow(`${describeValue(input)} cannot be matched, as it is not a string`);
  const ms = matches(input, re, `g${flags ?? ""}`);
  const cps = Array.from(input);
  let prev = 0;
  for (const m of ms) {
    yield cps.slice(prev, m.offset).join("");
    prev = m.offset + m.length;
  }
  yield cps.slice(prev).join("");
}

function* substitute(
  it: Parameters<NativeFunction["values"]>[0],
  input: unknown,
  re: unknown,
  flags: unknown,
  replacement: Closure,
  global: boolean,
): Generator<unknown> {
  if (typeof input !== "string")
    throw new JqThrow(`${describeValue(input)} cannot be matched, as it is not a string`);
  const f = flags === null ? (global ? "g" : null) : global ? `${flags}g` : flags;
  const ms = matches(input, re, f);
  if (ms.length === 0) {
    yield input;
    return;
  }
  const cps = Array.from(input);
  // Mirrors jq's definition: result[i] collects the i-th output of the replacement for every match.
  let results: (string | null)[] = [];
  let prev = 0;
  for (const m of ms) {
    const gap = cps.slice(prev, m.offset).join("");
    const inserts = Array.from(it.evalClosure(replacement, captureObject(m)));
    const next = results.slice();
    for (let ix = 0; ix < inserts.length; ix++) {
      const ins = inserts[ix];
      if (typeof ins !== "string") {
        throw new JqThrow(`${describeValue(gap)} and ${describeValue(ins)} cannot be added`);
      }
      next[ix] = (results[ix] ?? "") + gap + ins;
    }
    results = next;
    prev = m.offset + m.length;
  }
  const tail = cps.slice(prev).join("");
  if (results.length === 0) {
    yield input;
    return;
  }
  for (const r of results) yield (r ?? "") + tail;
}

export const REGEX: NativeTable = {
  "test/1": both((_it, input, re, flags) => [matches(input, re, flags, true).length > 0], "value"),
  "test/2": both((_it, input, re, flags) => [matches(input, re, flags, true).length > 0], "c"),
  "match/1": both((_it, input, re, flags) => matches(input, re, flags).map(matchToJson), "value"),
  "match/2": both((_it, input, re, flags) => matches(input, re, flags).map(matchToJson), "c"),
  "capture/1": both((_it, input, re, flags) => matches(input, re, flags).map(captureObject), "value"),
  "capture/2": both((_it, input, re, flags) => matches(input, re, flags).map(captureObject), "c"),
  "scan/1": both(
    (_it, input, re, flags) =>
      matches(input, re, `g${(flags as string | null) ?? ""}`).map((m) =>
        m.captures.length > 0 ? m.captures.map((c) => c.string) : m.string,
      ),
    "plain",
  ),
  "scan/2": both(
    (_it, input, re, flags) =>
      matches(input, re, `g${(flags as string | null) ?? ""}`).map((m) =>
        m.captures.length > 0 ? m.captures.map((c) => c.string) : m.string,
      ),
    "jq",
  ),
  "split/2": both((_it, input, re, flags) => [Array.from(splitByRegex(input, re, flags))], "jq"),
  "splits/1": both((_it, input, re, flags) => splitByRegex(input, re, flags), "plain"),
  "splits/2": both((_it, input, re, flags) => splitByRegex(input, re, flags), "jq"),
  "sub/2": subNative(false, false),
  "sub/3": subNative(false, true),
  "gsub/2": subNative(true, false),
  "gsub/3": subNative(true, true),
};

function subNative(global: boolean, withFlags: boolean): NativeFunction {
  return {
    *values(it, input, args) {
      const reArg = args[0] as Closure;
      const replacement = args[1] as Closure;
      // jq binds `$re` first, then `$flags` (sub/2 passes no flags).
      for (const re of it.evalClosure(reArg, input)) {
        const flagValues = withFlags ? it.evalClosure(args[2] as Closure, input) : [null];
        for (const flags of flagValues) yield* substitute(it, input, re, flags, replacement, global);
      }
    },
  };
}
