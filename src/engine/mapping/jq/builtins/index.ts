/** The builtin library: TypeScript natives plus the jq-defined prelude, built once per process. */
import type { FuncDef, Node } from "../ast.js";
import { parse } from "../parser.js";
import { checkScopes } from "../resolve.js";
import { markSingle } from "../single.js";
import { COLLECTIONS } from "./collections.js";
import { CONTROL } from "./control.js";
import { DATES } from "./dates.js";
import { GENERATORS } from "./generators.js";
import { MATH } from "./math.js";
import type { NativeFunction } from "./native.js";
import { PATHS } from "./paths.js";
import { PRELUDE_SOURCE } from "./prelude.js";
import { REGEX } from "./regex.js";
import { STRINGS } from "./strings.js";
import { TYPES } from "./types.js";

export interface Builtins {
  readonly natives: ReadonlyMap<string, NativeFunction>;
  readonly prelude: ReadonlyMap<string, FuncDef>;
}

let builtins: Builtins | undefined;

export function getBuiltins(): Builtins {
  if (builtins) return builtins;
  const natives = new Map<string, NativeFunction>();
  for (const table of [CONTROL, GENERATORS, PATHS, TYPES, COLLECTIONS, STRINGS, REGEX, MATH, DATES]) {
    for (const [key, f] of Object.entries(table)) natives.set(key, f);
  }
  const prelude = new Map<string, FuncDef>();
  const ast = parse(`${PRELUDE_SOURCE} .`);
  let node: Node = ast;
  while (node.type === "FuncDef") {
    prelude.set(`${node.def.name}/${node.def.params.length}`, node.def);
    node = node.rest;
  }
  builtins = { natives, prelude };
  checkScopes(ast, builtins);
  markSingle(ast);
  return builtins;
}
