import type { AssignOp, BinaryOp, FuncDef, Node, ObjectEntry, Pattern, PatternEntry } from "./ast.js";
import { numberLiteral } from "./decimal.js";
import { JqSyntaxError } from "./errors.js";
import { type Token, tokenize } from "./lexer.js";
import { describeValue } from "./values.js";

const IDENTITY: Node = { type: "Identity" };
const ASSIGN_OPS = new Set(["=", "|=", "+=", "-=", "*=", "/=", "%=", "//="]);
const COMPARE_OPS = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** Parses a whole jq program. Module directives (`import`, `include`, `module`) are rejected. */
export function parse(src: string): Node {
  const parser = new Parser(tokenize(src), src);
  return parser.parseProgram();
}

class Parser {
  private i = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  parseProgram(): Node {
    this.parseModuleDirectives();
    if (this.peek().kind === "eof") {
      // An empty program (or only definitions) is the identity.
      return IDENTITY;
    }
    const first = this.peek();
    if (!canStartExpression(first)) {
      if (first.kind === "op" && (first.value === "}" || first.value === ")" || first.value === "]")) {
        throw this.unexpectedInvalid(first);
      }
      throw this.unexpected(first, "expecting end of file");
    }
    const node = this.parsePipe();
    const t = this.peek();
    if (t.kind !== "eof") throw this.unexpected(t, "expecting end of file");
    return node;
  }

  private parseModuleDirectives(): void {
    const t = this.peek();
    if (t.kind === "ident" && t.value === "module") {
      this.next();
      this.metaStart = this.peek().pos;
      const meta = this.parsePostfix();
      this.checkMetadata(meta);
      this.expectOp(";");
    }
    while (this.isKeyword("import") || this.isKeyword("include")) {
      const kw = this.next();
      const pathTok = this.peek();
      if (pathTok.kind !== "string") throw this.unexpected(pathTok);
      this.next();
      if ((pathTok.parts?.length ?? 0) !== 1 || pathTok.parts?.[0]?.text === undefined) {
        throw new JqSyntaxError("Import path must be constant", pathTok.pos, pathTok.value.length);
      }
      if (kw.value === "import") {
        if (!this.isKeyword("as")) throw this.unexpected(this.peek());
        this.next();
        this.next();
      }
      if (!this.isOp(";")) {
        this.metaStart = this.peek().pos;
        const meta = this.parsePostfix();
        this.checkMetadata(meta);
      }
      this.expectOp(";");
      throw new JqSyntaxError(
        `module not found: ${pathTok.parts?.[0]?.text ?? ""}`,
        kw.pos,
        pathTok.pos + pathTok.value.length - kw.pos,
      );
    }
  }

  private checkMetadata(meta: Node): void {
    const start = this.metaStart;
    const span = this.spanFrom(start);
    if (meta.type === "Object") {
      for (const e of meta.entries) {
        if (e.key.type !== "Literal" || !isConstant(e.value)) {
          throw new JqSyntaxError("Module metadata must be constant", start, span);
        }
      }
      return;
    }
    if (meta.type === "Literal" || meta.type === "Array" || meta.type === "String") {
      throw new JqSyntaxError("Module metadata must be an object", start, span);
    }
    throw new JqSyntaxError("Module metadata must be constant", start, span);
  }

  private metaStart = 0;

  private spanFrom(start: number): number {
    const prev = this.tokens[this.i - 1];
    if (!prev) return 1;
    return prev.pos + prev.value.length - start;
  }

  // ---- token helpers ----

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private isOp(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "op" && t.value === value;
  }

  private isKeyword(value: string): boolean {
    const t = this.peek();
    return t.kind === "keyword" && t.value === value;
  }

  private expectOp(value: string): Token {
    const t = this.peek();
    if (t.kind !== "op" || t.value !== value) throw this.unexpected(t);
    return this.next();
  }

  private expectKeyword(value: string): Token {
    const t = this.peek();
    if (t.kind !== "keyword" || t.value !== value) throw this.unexpected(t);
    return this.next();
  }

  private unexpected(t: Token, expecting?: string): JqSyntaxError {
    let what: string;
    switch (t.kind) {
      case "eof":
        return new JqSyntaxError("syntax error, unexpected end of file", Math.max(0, this.src.length - 1), 1);
      case "op":
        // Bison names one-character tokens '<c>' and strips the quotes of longer ones.
        what = t.value.length === 1 ? `'${t.value}'` : t.value;
        break;
      case "ident":
        what = "IDENT";
        break;
      case "field":
        what = "FIELD";
        break;
      case "var":
        what = "BINDING";
        break;
      case "number":
        what = "LITERAL";
        break;
      case "string":
        what = "QQSTRING_START";
        break;
      case "format":
        what = "FORMAT";
        break;
      default:
        what = t.value;
    }
    const suffix = expecting ? `, ${expecting}` : "";
    return new JqSyntaxError(`syntax error, unexpected ${what}${suffix}`, t.pos, Math.max(1, t.value.length));
  }

  // ---- expressions, lowest precedence first ----

  parsePipe(): Node {
    if (this.isKeyword("def")) {
      const def = this.parseFuncDef();
      const rest = this.parsePipe();
      return { type: "FuncDef", def, rest };
    }
    const left = this.parseComma();
    if (this.isOp("|")) {
      this.next();
      return { type: "Pipe", left, right: this.parsePipe() };
    }
    return left;
  }

  private parseComma(): Node {
    let left = this.parseBinding();
    while (this.isOp(",")) {
      this.next();
      left = { type: "Comma", left, right: this.parseBinding() };
    }
    return left;
  }

  /** Since jq 1.8, `as` binds the whole expression before it up to `,`: `1 + 2 as $x | $x` is 3. */
  private parseBinding(): Node {
    const source = this.parseAlt();
    if (!this.isKeyword("as")) return source;
    this.next();
    const patterns = this.parsePatterns();
    this.expectOp("|");
    const body = this.parsePipe();
    return { type: "Bind", source, patterns, body };
  }

  private parseAlt(): Node {
    const left = this.parseAssign();
    if (this.isOp("//")) {
      this.next();
      return { type: "Alt", left, right: this.parseAlt() };
    }
    return left;
  }

  private parseAssign(): Node {
    const left = this.parseOr();
    const t = this.peek();
    if (t.kind === "op" && ASSIGN_OPS.has(t.value)) {
      this.next();
      // Non-associative, and tighter than `//`: jq reads `.a = .b // 1` as `(.a = .b) // 1`.
      const right = this.parseOr();
      return { type: "Assign", op: t.value as AssignOp, left, right };
    }
    return left;
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.isKeyword("or")) {
      this.next();
      left = { type: "Or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseCompare();
    while (this.isKeyword("and")) {
      this.next();
      left = { type: "And", left, right: this.parseCompare() };
    }
    return left;
  }

  private parseCompare(): Node {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.kind === "op" && COMPARE_OPS.has(t.value)) {
      this.next();
      const right = this.parseAdditive();
      const after = this.peek();
      if (after.kind === "op" && COMPARE_OPS.has(after.value)) throw this.unexpected(after);
      return { type: "Binary", op: t.value as BinaryOp, left, right };
    }
    return left;
  }

  private parseAdditive(): Node {
    let left = this.parseMultiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().value as BinaryOp;
      left = { type: "Binary", op, left, right: this.parseMultiplicative() };
    }
    return left;
  }

  private parseMultiplicative(): Node {
    let left = this.parseUnary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("%")) {
      const op = this.next().value as BinaryOp;
      left = { type: "Binary", op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Node {
    if (this.isOp("-")) {
      this.next();
      return { type: "Neg", operand: this.parseUnary() };
    }
    return this.parsePostfix();
  }

  /** A term with its suffixes (`.a`, `[e]`, `[]`, `[a:b]`, `?`). */
  private parsePostfix(): Node {
    let node = this.parsePrimary();
    while (true) {
      const t = this.peek();
      if (t.kind === "field") {
        this.next();
        node = { type: "Index", target: node, index: { type: "Literal", value: t.value } };
        continue;
      }
      if (t.kind === "op" && t.value === "." && this.peek(1).kind === "string") {
        this.next();
        node = { type: "Index", target: node, index: this.parseStringToken(this.next(), null) };
        continue;
      }
      if (t.kind === "op" && t.value === "." && this.isOp("[", 1)) {
        this.next();
        node = this.parseBracketSuffix(node);
        continue;
      }
      if (t.kind === "op" && t.value === "[") {
        node = this.parseBracketSuffix(node);
        continue;
      }
      if (t.kind === "op" && t.value === "?") {
        this.next();
        node = { type: "Try", body: node, handler: null };
        continue;
      }
      break;
    }
    return node;
  }

  private parseBracketSuffix(target: Node): Node {
    this.expectOp("[");
    if (this.isOp("]")) {
      this.next();
      return { type: "Iterate", target };
    }
    if (this.isOp(":")) {
      this.next();
      const to = this.parsePipe();
      this.expectOp("]");
      return { type: "Slice", target, from: null, to };
    }
    const index = this.parsePipe();
    if (this.isOp(":")) {
      this.next();
      if (this.isOp("]")) {
        this.next();
        return { type: "Slice", target, from: index, to: null };
      }
      const to = this.parsePipe();
      this.expectOp("]");
      return { type: "Slice", target, from: index, to };
    }
    this.expectOp("]");
    return { type: "Index", target, index };
  }

  private parsePrimary(): Node {
    const t = this.peek();
    switch (t.kind) {
      case "number":
        this.next();
        return { type: "Literal", value: numberLiteral(t.value, true) };
      case "string":
        this.next();
        return this.parseStringToken(t, null);
      case "format": {
        this.next();
        if (this.peek().kind === "string") return this.parseStringToken(this.next(), t.value);
        return { type: "Format", name: t.value };
      }
      case "field":
        this.next();
        return { type: "Index", target: IDENTITY, index: { type: "Literal", value: t.value } };
      case "var":
        this.next();
        if (t.value === "__loc__") {
          return { type: "Literal", value: { file: "<top-level>", line: this.lineOf(t.pos) } };
        }
        return { type: "Var", name: t.value, pos: t.pos };
      case "keyword":
        return this.parseKeywordTerm(t);
      case "ident":
        if (t.value === "true" || t.value === "false" || t.value === "null") {
          this.next();
          return { type: "Literal", value: t.value === "null" ? null : t.value === "true" };
        }
        return this.parseCall();
      case "op":
        break;
      default:
        throw this.unexpected(t);
    }
    switch (t.value) {
      case ".": {
        this.next();
        if (this.peek().kind === "string") {
          return { type: "Index", target: IDENTITY, index: this.parseStringToken(this.next(), null) };
        }
        return IDENTITY;
      }
      case "..":
        this.next();
        return { type: "Call", name: "recurse", key: "recurse/0", args: [], pos: t.pos };
      case "(": {
        this.next();
        const inner = this.parsePipe();
        this.expectOp(")");
        return inner;
      }
      case "[": {
        this.next();
        if (this.isOp("]")) {
          this.next();
          return { type: "Array", body: null };
        }
        const body = this.parsePipe();
        this.expectOp("]");
        return { type: "Array", body };
      }
      case "{":
        return this.parseObject();
      case "-":
        this.next();
        return { type: "Neg", operand: this.parsePostfix() };
      case "}":
      case ")":
      case "]":
        if (this.i === 0) throw this.unexpectedInvalid(t);
        throw this.unexpected(t);
      default:
        throw this.unexpected(t);
    }
  }

  private unexpectedInvalid(t: Token): JqSyntaxError {
    return new JqSyntaxError("syntax error, unexpected INVALID_CHARACTER, expecting end of file", t.pos, 1);
  }

  private lineOf(pos: number): number {
    let line = 1;
    for (let k = 0; k < pos; k++) if (this.src[k] === "\n") line++;
    return line;
  }

  private parseKeywordTerm(t: Token): Node {
    switch (t.value) {
      case "if":
        return this.parseIf();
      case "try": {
        this.next();
        const body = this.parsePostTry();
        let handler: Node | null = null;
        if (this.isKeyword("catch")) {
          this.next();
          handler = this.parsePostTry();
        }
        return { type: "Try", body, handler };
      }
      case "reduce": {
        this.next();
        const source = this.parseAlt();
        this.expectKeyword("as");
        const patterns = this.parsePatterns();
        this.expectOp("(");
        const init = this.parsePipe();
        this.expectOp(";");
        const update = this.parsePipe();
        this.expectOp(")");
        return { type: "Reduce", source, patterns, init, update };
      }
      case "foreach": {
        this.next();
        const source = this.parseAlt();
        this.expectKeyword("as");
        const patterns = this.parsePatterns();
        this.expectOp("(");
        const init = this.parsePipe();
        this.expectOp(";");
        const update = this.parsePipe();
        let extract: Node | null = null;
        if (this.isOp(";")) {
          this.next();
          extract = this.parsePipe();
        }
        this.expectOp(")");
        return { type: "Foreach", source, patterns, init, update, extract };
      }
      case "label": {
        this.next();
        const v = this.peek();
        if (v.kind !== "var") throw this.unexpected(v);
        this.next();
        this.expectOp("|");
        const body = this.parsePipe();
        return { type: "Label", name: v.value, body };
      }
      case "def": {
        const def = this.parseFuncDef();
        const rest = this.parsePipe();
        return { type: "FuncDef", def, rest };
      }
      default:
        throw this.unexpected(t);
    }
  }

  /** `try` binds to a postfix term: `try error catch . | x` is `(try error catch .) | x`. */
  private parsePostTry(): Node {
    if (this.isOp("-")) {
      this.next();
      return { type: "Neg", operand: this.parsePostfix() };
    }
    return this.parsePostfix();
  }

  private parseIf(): Node {
    this.expectKeyword("if");
    const cond = this.parsePipe();
    this.expectKeyword("then");
    const then = this.parsePipe();
    if (this.isKeyword("elif")) {
      // `elif` is an `if` nested in the else branch and closed by the same `end`.
      const elseNode = this.parseIfTail();
      return { type: "If", cond, then, else: elseNode };
    }
    let elseNode: Node | null = null;
    if (this.isKeyword("else")) {
      this.next();
      elseNode = this.parsePipe();
    }
    this.expectKeyword("end");
    return { type: "If", cond, then, else: elseNode };
  }

  private parseIfTail(): Node {
    this.expectKeyword("elif");
    const cond = this.parsePipe();
    this.expectKeyword("then");
    const then = this.parsePipe();
    if (this.isKeyword("elif")) {
      return { type: "If", cond, then, else: this.parseIfTail() };
    }
    let elseNode: Node | null = null;
    if (this.isKeyword("else")) {
      this.next();
      elseNode = this.parsePipe();
    }
    this.expectKeyword("end");
    return { type: "If", cond, then, else: elseNode };
  }

  private parseFuncDef(): FuncDef {
    this.expectKeyword("def");
    const nameTok = this.peek();
    if (nameTok.kind !== "ident" && nameTok.kind !== "keyword") throw this.unexpected(nameTok);
    this.next();
    const params: string[] = [];
    if (this.isOp("(")) {
      this.next();
      while (true) {
        const p = this.next();
        if (p.kind === "var") params.push(`$${p.value}`);
        else if (p.kind === "ident" || p.kind === "keyword") params.push(p.value);
        else throw this.unexpected(p);
        if (this.isOp(";")) {
          this.next();
          continue;
        }
        this.expectOp(")");
        break;
      }
    }
    this.expectOp(":");
    const body = this.parsePipe();
    this.expectOp(";");
    return { name: nameTok.value, params, body };
  }

  private parseCall(): Node {
    const t = this.next();
    if (t.value === "break") {
      const v = this.peek();
      if (v.kind !== "var") throw this.unexpected(v);
      this.next();
      return { type: "Break", name: v.value, pos: t.pos, length: v.pos + v.value.length + 1 - t.pos };
    }
    const args: Node[] = [];
    if (this.isOp("(")) {
      this.next();
      while (true) {
        args.push(this.parsePipe());
        if (this.isOp(";")) {
          this.next();
          continue;
        }
        this.expectOp(")");
        break;
      }
    }
    return { type: "Call", name: t.value, key: `${t.value}/${args.length}`, args, pos: t.pos };
  }

  private parseStringToken(t: Token, format: string | null): Node {
    const parts: Array<string | Node> = [];
    for (const part of t.parts ?? []) {
      if (part.text !== undefined) parts.push(part.text);
      else if (part.tokens) {
        const sub = new Parser(part.tokens, this.src);
        const node = sub.parsePipe();
        const end = sub.peek();
        if (end.kind !== "eof") throw sub.unexpected(end);
        parts.push(node);
      }
    }
    if (format === null && parts.length === 1 && typeof parts[0] === "string") {
      return { type: "Literal", value: parts[0] };
    }
    if (format === null && parts.length === 0) return { type: "Literal", value: "" };
    return { type: "String", parts, format };
  }

  private parseObject(): Node {
    const open = this.expectOp("{");
    const entries: ObjectEntry[] = [];
    if (this.isOp("}")) {
      this.next();
      return { type: "Object", entries };
    }
    if (this.peek().kind === "eof") {
      throw new JqSyntaxError("syntax error, unexpected end of file", open.pos, 1);
    }
    while (true) {
      entries.push(this.parseObjectEntry());
      if (this.isOp(",")) {
        this.next();
        if (this.isOp("}")) {
          this.next();
          break;
        }
        continue;
      }
      if (this.peek().kind === "eof") {
        throw new JqSyntaxError("syntax error, unexpected end of file", open.pos, 1);
      }
      this.expectOp("}");
      break;
    }
    return { type: "Object", entries };
  }

  private parseObjectEntry(): ObjectEntry {
    const t = this.peek();
    let key: Node;
    let defaultValue: Node;
    if (t.kind === "var") {
      this.next();
      if (t.value === "__loc__") {
        return {
          key: { type: "Literal", value: "__loc__" },
          value: { type: "Literal", value: { file: "<top-level>", line: this.lineOf(t.pos) } },
        };
      }
      const v: Node = { type: "Var", name: t.value, pos: t.pos };
      if (this.isOp(":")) {
        this.next();
        return { key: v, value: this.parseObjectValue() };
      }
      return { key: { type: "Literal", value: t.value }, value: v };
    }
    if (t.kind === "ident" || t.kind === "keyword") {
      this.next();
      key = { type: "Literal", value: t.value };
      defaultValue = { type: "Index", target: IDENTITY, index: key };
    } else if (t.kind === "string") {
      this.next();
      key = this.parseStringToken(t, null);
      defaultValue = { type: "Index", target: IDENTITY, index: key };
    } else if (t.kind === "format" && this.peek(1).kind === "string") {
      this.next();
      key = this.parseStringToken(this.next(), t.value);
      defaultValue = { type: "Index", target: IDENTITY, index: key };
    } else if (t.kind === "number") {
      this.next();
      if (this.isOp(":")) {
        throw new JqSyntaxError(`Cannot use number (${t.value}) as object key`, t.pos, t.value.length);
      }
      let end = this.peek();
      while (end.kind !== "eof" && !(end.kind === "op" && end.value === ":")) {
        this.next();
        end = this.peek();
      }
      throw new JqSyntaxError("May need parentheses around object key expression", t.pos, end.pos - t.pos);
    } else if (t.kind === "op" && t.value === "(") {
      this.next();
      key = this.parsePipe();
      this.expectOp(")");
      if (key.type === "Literal" && typeof key.value !== "string") {
        throw new JqSyntaxError(`Cannot use ${describeValue(key.value)} as object key`, t.pos + 1, 1);
      }
      this.expectOp(":");
      return { key, value: this.parseObjectValue() };
    } else {
      throw this.unexpected(t);
    }
    if (this.isOp(":")) {
      this.next();
      return { key, value: this.parseObjectValue() };
    }
    return { key, value: defaultValue };
  }

  /** Object values are expressions without a top-level `,` (jq 1.8 accepts `{x: 1 + 2}`), joined by `|`. */
  private parseObjectValue(): Node {
    let left = this.parseBinding();
    while (this.isOp("|")) {
      this.next();
      left = { type: "Pipe", left, right: this.parseBinding() };
    }
    return left;
  }

  // ---- destructuring patterns ----

  private parsePatterns(): Pattern[] {
    const patterns = [this.parsePattern()];
    while (this.isOp("?//")) {
      this.next();
      patterns.push(this.parsePattern());
    }
    return patterns;
  }

  private parsePattern(): Pattern {
    const t = this.peek();
    if (t.kind === "var") {
      this.next();
      return { type: "PVar", name: t.value };
    }
    if (t.kind === "op" && t.value === "[") {
      this.next();
      if (this.isOp("]")) throw this.unexpected(this.peek(), "expecting BINDING or '[' or '{'");
      const elements: Pattern[] = [];
      while (true) {
        elements.push(this.parsePattern());
        if (this.isOp(",")) {
          this.next();
          continue;
        }
        this.expectOp("]");
        break;
      }
      return { type: "PArray", elements };
    }
    if (t.kind === "op" && t.value === "{") {
      this.next();
      const entries: PatternEntry[] = [];
      while (true) {
        entries.push(this.parsePatternEntry());
        if (this.isOp(",")) {
          this.next();
          continue;
        }
        this.expectOp("}");
        break;
      }
      return { type: "PObject", entries };
    }
    throw this.unexpected(t);
  }

  private parsePatternEntry(): PatternEntry {
    const t = this.peek();
    if (t.kind === "var") {
      this.next();
      const key: Node = { type: "Literal", value: t.value };
      if (this.isOp(":")) {
        this.next();
        return { key, bindVar: t.value, value: this.parsePattern() };
      }
      return { key, bindVar: t.value, value: null };
    }
    let key: Node;
    if (t.kind === "ident" || t.kind === "keyword") {
      this.next();
      key = { type: "Literal", value: t.value };
    } else if (t.kind === "string") {
      this.next();
      key = this.parseStringToken(t, null);
    } else if (t.kind === "op" && t.value === "(") {
      this.next();
      key = this.parsePipe();
      this.expectOp(")");
      if (key.type === "Literal" && typeof key.value !== "string") {
        throw new JqSyntaxError(
          `Cannot use ${describeValue(key.value)} as object key`,
          t.pos + 1,
          String(key.value).length,
        );
      }
    } else {
      throw this.unexpected(t);
    }
    this.expectOp(":");
    return { key, bindVar: null, value: this.parsePattern() };
  }
}

function isConstant(node: Node): boolean {
  switch (node.type) {
    case "Literal":
      return true;
    case "Array":
      return node.body === null || isConstant(node.body);
    case "Comma":
      return isConstant(node.left) && isConstant(node.right);
    case "Object":
      return node.entries.every((e) => e.key.type === "Literal" && isConstant(e.value));
    default:
      return false;
  }
}

const EXPRESSION_START_OPS = new Set([".", "..", "(", "[", "{", "-"]);
const EXPRESSION_START_KEYWORDS = new Set(["if", "try", "reduce", "foreach", "label", "def"]);

function canStartExpression(t: Token): boolean {
  switch (t.kind) {
    case "op":
      return EXPRESSION_START_OPS.has(t.value);
    case "keyword":
      return EXPRESSION_START_KEYWORDS.has(t.value);
    case "eof":
      return true;
    default:
      return true;
  }
}
