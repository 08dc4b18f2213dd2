/** JSON text to values the way jq's parser reads it (`fromjson`): `nan` is accepted, nesting is capped. */
import { numberLiteral } from "./decimal.js";
import { JqThrow } from "./errors.js";
import { type JsonObject, setKey } from "./values.js";

const MAX_DEPTH = 10000;

class JsonSyntax {
  constructor(readonly message: string) {}
}

/** `keepLiterals` keeps number texts a double would change (`1.000`, `13911860366432393`), as jq does. */
export function parseJson(text: string, keepLiterals = false): unknown {
  // A leading byte order mark is ignored, as jq's parser does.
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    const p = new JsonParser(body, keepLiterals);
    p.skipWs();
    if (p.pos >= body.length) return null;
    const v = p.value();
    p.skipWs();
    if (p.pos < body.length) p.fail("Unexpected extra JSON values");
    return v;
  } catch (e) {
    if (e instanceof JsonSyntax) throw new JqThrow(`${e.message} (while parsing '${text}')`);
    throw e;
  }
}

class JsonParser {
  pos = 0;

  constructor(
    private readonly s: string,
    private readonly keepLiterals: boolean,
  ) {}

  fail(msg: string, atEof = false): never {
    let line = 1;
    let col = 0;
    for (let i = 0; i < Math.min(this.pos, this.s.length); i++) {
      if (this.s[i] === "\n") {
        line++;
        col = 0;
      } else col++;
    }
    const where = atEof ? " at EOF" : "";
    throw new JsonSyntax(`${msg}${where} at line ${line}, column ${col}`);
  }

  skipWs(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  /** Iterative (explicit stack): jq accepts up to 10000 levels of nesting. */
  value(): unknown {
    const s = this.s;
    type Frame = { arr: unknown[] | null; obj: JsonObject | null; key: string };
    const stack: Frame[] = [];
    let result: unknown;
    while (true) {
      this.skipWs();
      const c = s[this.pos];
      let v: unknown;
      let opened = false;
      if (c === "{" || c === "[") {
        if (stack.length + 1 > MAX_DEPTH) this.fail("Exceeds depth limit for parsing");
        this.pos++;
        this.skipWs();
        if (c === "[") {
          if (s[this.pos] === "]") {
            this.pos++;
            v = [];
          } else {
            stack.push({ arr: [], obj: null, key: "" });
            opened = true;
          }
        } else if (s[this.pos] === "}") {
          this.pos++;
          v = {};
        } else {
          const frame: Frame = { arr: null, obj: {}, key: "" };
          stack.push(frame);
          frame.key = this.objectKey();
          opened = true;
        }
      } else {
        v = this.scalar();
      }
      if (opened) continue;
      // Attach v to its parent and close finished containers.
      while (true) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          result = v;
          return result;
        }
        if (top.arr) top.arr.push(v);
        else setKey(top.obj as JsonObject, top.key, v);
        this.skipWs();
        const d = s[this.pos];
        if (d === ",") {
          this.pos++;
          if (top.obj) top.key = this.objectKey();
          break;
        }
        if ((top.arr && d === "]") || (top.obj && d === "}")) {
          this.pos++;
          stack.pop();
          v = top.arr ?? top.obj;
          continue;
        }
        this.fail(
          this.pos >= s.length ? "Unfinished JSON term" : "Expected separator between values",
          this.pos >= s.length,
        );
      }
    }
  }

  private objectKey(): string {
    const s = this.s;
    this.skipWs();
    if (s[this.pos] !== '"') {
      if (s[this.pos] === "'") this.singleQuoted();
      this.fail("Object keys must be strings");
    }
    const key = this.string();
    this.skipWs();
    if (s[this.pos] !== ":") this.fail("Objects must consist of key:value pairs");
    this.pos++;
    return key;
  }

  private scalar(): unknown {
    const s = this.s;
    const c = s[this.pos];
    if (c === '"') return this.string();
    if (c === "'") this.singleQuoted();
    if (c === undefined) this.fail("Unfinished JSON term", true);
    // Literals and numbers: jq reads a run of non-structural characters and then decides.
    let end = this.pos;
    while (end < s.length && !/[\s{}[\],:"]/.test(s[end] as string)) end++;
    const word = s.slice(this.pos, end);
    this.pos = end;
    switch (word) {
      case "null":
        return null;
      case "true":
        return true;
      case "false":
        return false;
      case "nan":
      case "NaN":
      case "-nan":
      case "-NaN":
        return Number.NaN;
      case "Infinity":
      case "infinity":
        return Number.POSITIVE_INFINITY;
      case "-Infinity":
      case "-infinity":
        return Number.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (/^-?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(word) || /^-?\.\d+([eE][+-]?\d+)?$/.test(word)) {
      return this.keepLiterals ? numberLiteral(word, true) : Number(word);
    }
    if (word === "") this.fail("Invalid literal");
    return this.fail(
      this.pos >= s.length ? "Invalid numeric literal" : "Invalid literal",
      this.pos >= s.length,
    );
  }

  /** jq reads `'a'` as one token up to the next delimiter and reports the position after it. */
  singleQuoted(): never {
    let end = this.pos;
    while (end < this.s.length && !/[\s{}[\],:]/.test(this.s[end] as string)) end++;
    this.pos = end + 1;
    this.fail("Invalid string literal; expected \", but got '");
  }

  string(): string {
    const s = this.s;
    const start = ++this.pos;
    const simple = s.indexOf('"', start);
    if (simple < 0) {
      this.pos = s.length;
      this.fail("Unfinished string", true);
    }
    const raw = s.slice(start, simple);
    if (!raw.includes("\\") && !hasControlCharacter(raw)) {
      this.pos = simple + 1;
      return raw;
    }
    let out = "";
    let i = start;
    while (true) {
      if (i >= s.length) {
        this.pos = i;
        this.fail("Unfinished string", true);
      }
      const ch = s[i] as string;
      if (ch === '"') break;
      if (ch === "\\") {
        const e = s[i + 1];
        const map: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          i += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        this.pos = i + 2;
        this.fail("Invalid escape");
      }
      out += ch;
      i++;
    }
    this.pos = i + 1;
    return out.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  }
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true;
  return false;
}
