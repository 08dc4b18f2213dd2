/**
 * Filled in once after parsing (see `single.ts`): a node that always yields exactly one value is evaluated
 * directly instead of through generators, which is most of a typical mapping.
 */
export interface NodeMeta {
  single?: boolean;
  /** For a call that resolves to a one-output builtin: the builtin, taking argument values. */
  direct?: (input: unknown, ...args: unknown[]) => unknown;
  /** For `reduce`: how to apply its update in place, or null when it must not (see reduce-in-place.ts). */
  inPlace?: ((it: never, acc: unknown, env: never, owned: Set<object>) => unknown) | null;
}

/** The jq syntax tree. Sugar (elif, `.foo`, `{a}`, `$__loc__`, `?`) is lowered by the parser. */
export type Node = NodeMeta & NodeBody;

type NodeBody =
  | { readonly type: "Identity" }
  | { readonly type: "Literal"; readonly value: unknown }
  /** A string with interpolations; `format` (e.g. `base64`) is applied to each interpolated value. */
  | { readonly type: "String"; readonly parts: ReadonlyArray<string | Node>; readonly format: string | null }
  | { readonly type: "Format"; readonly name: string }
  | { readonly type: "Index"; readonly target: Node; readonly index: Node }
  | { readonly type: "Slice"; readonly target: Node; readonly from: Node | null; readonly to: Node | null }
  | { readonly type: "Iterate"; readonly target: Node }
  | { readonly type: "Pipe"; readonly left: Node; readonly right: Node }
  | { readonly type: "Comma"; readonly left: Node; readonly right: Node }
  | { readonly type: "Neg"; readonly operand: Node }
  | { readonly type: "Binary"; readonly op: BinaryOp; readonly left: Node; readonly right: Node }
  | { readonly type: "And"; readonly left: Node; readonly right: Node }
  | { readonly type: "Or"; readonly left: Node; readonly right: Node }
  | { readonly type: "Alt"; readonly left: Node; readonly right: Node }
  | { readonly type: "Assign"; readonly op: AssignOp; readonly left: Node; readonly right: Node }
  | { readonly type: "If"; readonly cond: Node; readonly then: Node; readonly else: Node | null }
  | { readonly type: "Try"; readonly body: Node; readonly handler: Node | null }
  | {
      readonly type: "Reduce";
      readonly source: Node;
      readonly patterns: readonly Pattern[];
      readonly init: Node;
      readonly update: Node;
    }
  | {
      readonly type: "Foreach";
      readonly source: Node;
      readonly patterns: readonly Pattern[];
      readonly init: Node;
      readonly update: Node;
      readonly extract: Node | null;
    }
  | { readonly type: "FuncDef"; readonly def: FuncDef; readonly rest: Node }
  | {
      readonly type: "Call";
      readonly name: string;
      /** `name/arity`, how jq names a function. */
      readonly key: string;
      readonly args: readonly Node[];
      readonly pos: number;
    }
  | { readonly type: "Var"; readonly name: string; readonly pos: number }
  | {
      readonly type: "Bind";
      readonly source: Node;
      readonly patterns: readonly Pattern[];
      readonly body: Node;
    }
  | { readonly type: "Label"; readonly name: string; readonly body: Node }
  | { readonly type: "Break"; readonly name: string; readonly pos: number; readonly length: number }
  | { readonly type: "Array"; readonly body: Node | null }
  | { readonly type: "Object"; readonly entries: readonly ObjectEntry[] };

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">=";
export type AssignOp = "=" | "|=" | "+=" | "-=" | "*=" | "/=" | "%=" | "//=";

export interface ObjectEntry {
  readonly key: Node;
  readonly value: Node;
}

export interface FuncDef {
  readonly name: string;
  /** Parameter names; `$x` parameters keep their `$`. */
  readonly params: readonly string[];
  readonly body: Node;
}

export type Pattern =
  | { readonly type: "PVar"; readonly name: string }
  | { readonly type: "PArray"; readonly elements: readonly Pattern[] }
  | { readonly type: "PObject"; readonly entries: readonly PatternEntry[] };

/** `{key: pattern}`; `$name` entries bind the value itself as well (`{$a: [$b]}`). */
export interface PatternEntry {
  readonly key: Node;
  readonly bindVar: string | null;
  readonly value: Pattern | null;
}
