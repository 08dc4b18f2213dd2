import { JqSyntaxError } from "./errors.js";

export type TokenKind =
  | "ident" // foo, foo::bar
  | "field" // .foo
  | "var" // $foo
  | "format" // @base64
  | "number"
  | "string"
  | "keyword"
  | "op"
  | "eof";

/** A string literal: literal text alternating with interpolated token lists (`\(...)`). */
export interface StringPart {
  readonly text?: string;
  readonly tokens?: Token[];
}

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  /** 0-based offset in the program text. */
  readonly pos: number;
  readonly parts?: StringPart[];
  /** Source text of a number literal, kept for literal-preserving output. */
  readonly numberText?: string;
}

export const KEYWORDS = new Set([
  "def",
  "if",
  "then",
  "elif",
  "else",
  "end",
  "as",
  "reduce",
  "foreach",
  "try",
  "catch",
  "label",
  "import",
  "include",
  "and",
  "or",
  "__loc__",
]);

// Longest first so that `?//=` style prefixes resolve greedily.
const OPERATORS = [
  "?//",
  "//=",
  "|=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "==",
  "!=",
  "<=",
  ">=",
  "//",
  "..",
  ".",
  "[",
  "]",
  "{",
  "}",
  "(",
  ")",
  "|",
  ",",
  ":",
  ";",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "?",
];

function isIdentStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}

function isIdentChar(c: string): boolean {
  return isIdentStart(c) || (c >= "0" && c <= "9");
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/**
 * Splits a jq program into tokens. String literals are lexed recursively: each `\(...)` becomes its own
 * token list, ended by the matching `)`.
 */
export function tokenize(src: string): Token[] {
  const state = { pos: 0 };
  const tokens = lexUntil(src, state, false);
  return tokens;
}

function lexUntil(src: string, state: { pos: number }, inInterpolation: boolean): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  while (true) {
    skipSpaceAndComments(src, state);
    const start = state.pos;
    if (start >= src.length) {
      if (inInterpolation) throw new JqSyntaxError("syntax error, unexpected end of file", start);
      tokens.push({ kind: "eof", value: "", pos: start });
      return tokens;
    }
    const c = src[start] as string;
    if (c === '"') {
      tokens.push(lexString(src, state));
      continue;
    }
    if (isIdentStart(c)) {
      let end = start + 1;
      while (end < src.length) {
        const ch = src[end] as string;
        if (isIdentChar(ch)) end++;
        else if (ch === ":" && src[end + 1] === ":" && isIdentStart(src[end + 2] ?? "")) end += 2;
        else break;
      }
      const word = src.slice(start, end);
      state.pos = end;
      tokens.push({ kind: KEYWORDS.has(word) ? "keyword" : "ident", value: word, pos: start });
      continue;
    }
    if (c === "$") {
      let end = start + 1;
      // `$ foo` is not allowed in 1.8, but `$__loc__` and `$keyword` are.
      if (!isIdentStart(src[end] ?? "")) {
        throw new JqSyntaxError("syntax error, unexpected INVALID_CHARACTER", start);
      }
      while (end < src.length) {
        const ch = src[end] as string;
        if (isIdentChar(ch)) end++;
        else if (ch === ":" && src[end + 1] === ":" && isIdentStart(src[end + 2] ?? "")) end += 2;
        else break;
      }
      state.pos = end;
      tokens.push({ kind: "var", value: src.slice(start + 1, end), pos: start });
      continue;
    }
    if (c === "@") {
      let end = start + 1;
      while (end < src.length && isIdentChar(src[end] as string)) end++;
      state.pos = end;
      tokens.push({ kind: "format", value: src.slice(start + 1, end), pos: start });
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(src[start + 1]))) {
      let end = start;
      while (isDigit(src[end])) end++;
      if (src[end] === ".") {
        end++;
        while (isDigit(src[end])) end++;
      }
      if (src[end] === "e" || src[end] === "E") {
        let e = end + 1;
        if (src[e] === "+" || src[e] === "-") e++;
        if (isDigit(src[e])) {
          while (isDigit(src[e])) e++;
          end = e;
        }
      }
      const text = src.slice(start, end);
      state.pos = end;
      tokens.push({ kind: "number", value: text, pos: start, numberText: text });
      continue;
    }
    if (c === "." && isIdentStart(src[start + 1] ?? "")) {
      let end = start + 2;
      while (end < src.length && isIdentChar(src[end] as string)) end++;
      state.pos = end;
      tokens.push({ kind: "field", value: src.slice(start + 1, end), pos: start });
      continue;
    }
    let matched: string | undefined;
    for (const op of OPERATORS) {
      if (src.startsWith(op, start)) {
        matched = op;
        break;
      }
    }
    if (matched === undefined) {
      throw new JqSyntaxError("syntax error, unexpected INVALID_CHARACTER", start);
    }
    if (inInterpolation) {
      if (matched === "(") depth++;
      else if (matched === ")") {
        if (depth === 0) {
          state.pos = start + 1;
          tokens.push({ kind: "eof", value: "", pos: start });
          return tokens;
        }
        depth--;
      }
    }
    state.pos = start + matched.length;
    tokens.push({ kind: "op", value: matched, pos: start });
  }
}

function skipSpaceAndComments(src: string, state: { pos: number }): void {
  while (state.pos < src.length) {
    const c = src[state.pos];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      state.pos++;
    } else if (c === "#") {
      // A comment runs to the end of the line; an odd number of backslashes before the newline continues it.
      let p = state.pos + 1;
      while (p < src.length) {
        if (src[p] === "\n") {
          let backslashes = 0;
          let q = p - 1;
          while (q > state.pos && src[q] === "\\") {
            backslashes++;
            q--;
          }
          if (backslashes % 2 === 1) {
            p++;
            continue;
          }
          break;
        }
        if (src[p] === "\r" && src[p + 1] === "\n") {
          let backslashes = 0;
          let q = p - 1;
          while (q > state.pos && src[q] === "\\") {
            backslashes++;
            q--;
          }
          if (backslashes % 2 === 1) {
            p += 2;
            continue;
          }
          break;
        }
        p++;
      }
      state.pos = p;
    } else {
      return;
    }
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

function lexString(src: string, state: { pos: number }): Token {
  const start = state.pos;
  let p = start + 1;
  const parts: StringPart[] = [];
  let text = "";
  while (true) {
    if (p >= src.length) throw new JqSyntaxError("syntax error, unexpected end of file", start);
    const c = src[p] as string;
    if (c === '"') {
      p++;
      break;
    }
    if (c === "\\") {
      const e = src[p + 1];
      if (e === undefined) throw new JqSyntaxError("syntax error, unexpected end of file", start);
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        text += simple;
        p += 2;
        continue;
      }
      if (e === "u") {
        const hex = src.slice(p + 2, p + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new JqSyntaxError(
            `Invalid escape at line 1, column ${p - start + 2} (while parsing '${src.slice(start, p + 6)}')`,
            p,
            6,
          );
        }
        text += String.fromCharCode(Number.parseInt(hex, 16));
        p += 6;
        continue;
      }
      if (e === "(") {
        if (text !== "") parts.push({ text });
        text = "";
        const inner = { pos: p + 2 };
        const tokens = lexUntil(src, inner, true);
        parts.push({ tokens });
        p = inner.pos;
        continue;
      }
      // jq reports the escape as if parsed alone (`"\v"`), located at the backslash.
      throw new JqSyntaxError(`Invalid escape at line 1, column 4 (while parsing '"\\${e}"')`, p, 2);
    }
    text += c;
    p++;
  }
  if (text !== "" || parts.length === 0) parts.push({ text });
  state.pos = p;
  return { kind: "string", value: src.slice(start, p), pos: start, parts: mergeSurrogates(parts) };
}

/** `\ud83d\ude00` escapes are joined by JS string concatenation already; lone surrogates become U+FFFD. */
function mergeSurrogates(parts: StringPart[]): StringPart[] {
  return parts.map((part) => (part.text === undefined ? part : { text: wellFormed(part.text) }));
}

export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
