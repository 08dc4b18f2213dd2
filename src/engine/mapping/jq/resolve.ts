/** Compile-time scope check: every `$var`, label and function call must refer to something defined. */
import type { Node, Pattern } from "./ast.js";
import type { Builtins } from "./builtins/index.js";
import { JqSyntaxError } from "./errors.js";

interface Scope {
  readonly vars: ReadonlySet<string>;
  readonly funcs: ReadonlySet<string>;
}

const GLOBAL_VARS = ["ENV", "__loc__"];

export function checkScopes(node: Node, builtins: Builtins): void {
  const scope: Scope = { vars: new Set(GLOBAL_VARS), funcs: new Set() };
  walk(node, scope, builtins);
}

function withVars(scope: Scope, names: Iterable<string>): Scope {
  const vars = new Set(scope.vars);
  for (const n of names) vars.add(n);
  return { vars, funcs: scope.funcs };
}

function patternVars(p: Pattern, out: string[]): string[] {
  if (p.type === "PVar") out.push(p.name);
  else if (p.type === "PArray") for (const e of p.elements) patternVars(e, out);
  else
    for (const e of p.entries) {
      if (e.bindVar !== null) out.push(e.bindVar);
      if (e.value) patternVars(e.value, out);
    }
  return out;
}

function walkPattern(p: Pattern, scope: Scope, b: Builtins): void {
  if (p.type === "PArray") for (const e of p.elements) walkPattern(e, scope, b);
  else if (p.type === "PObject")
    for (const e of p.entries) {
      walk(e.key, scope, b);
      if (e.value) walkPattern(e.value, scope, b);
    }
}

function walk(node: Node, scope: Scope, b: Builtins): void {
  switch (node.type) {
    case "Identity":
    case "Literal":
    case "Format":
      return;
    case "Var":
      if (!scope.vars.has(node.name)) {
        throw new JqSyntaxError(`$${node.name} is not defined`, node.pos, node.name.length + 1);
      }
      return;
    case "Break":
      if (!scope.vars.has(`*label-${node.name}`)) {
        throw new JqSyntaxError(`$*label-${node.name} is not defined`, node.pos, node.length);
      }
      return;
    case "String":
      for (const p of node.parts) if (typeof p !== "string") walk(p, scope, b);
      return;
    case "Index":
      walk(node.target, scope, b);
      walk(node.index, scope, b);
      return;
    case "Slice":
      walk(node.target, scope, b);
      if (node.from) walk(node.from, scope, b);
      if (node.to) walk(node.to, scope, b);
      return;
    case "Iterate":
      walk(node.target, scope, b);
      return;
    case "Neg":
      walk(node.operand, scope, b);
      return;
    case "Pipe":
    case "Comma":
    case "Binary":
    case "And":
    case "Or":
    case "Alt":
    case "Assign":
      walk(node.left, scope, b);
      walk(node.right, scope, b);
      return;
    case "If":
      walk(node.cond, scope, b);
      walk(node.then, scope, b);
      if (node.else) walk(node.else, scope, b);
      return;
    case "Try":
      walk(node.body, scope, b);
      if (node.handler) walk(node.handler, scope, b);
      return;
    case "Array":
      if (node.body) walk(node.body, scope, b);
      return;
    case "Object":
      for (const e of node.entries) {
        walk(e.key, scope, b);
        walk(e.value, scope, b);
      }
      return;
    case "Bind": {
      walk(node.source, scope, b);
      const names: string[] = [];
      for (const p of node.patterns) {
        walkPattern(p, withVars(scope, names), b);
        patternVars(p, names);
      }
      walk(node.body, withVars(scope, names), b);
      return;
    }
    case "Reduce":
    case "Foreach": {
      walk(node.source, scope, b);
      walk(node.init, scope, b);
      const names: string[] = [];
      for (const p of node.patterns) patternVars(p, names);
      const inner = withVars(scope, names);
      walk(node.update, inner, b);
      if (node.type === "Foreach" && node.extract) walk(node.extract, inner, b);
      return;
    }
    case "Label":
      walk(node.body, withVars(scope, [`*label-${node.name}`]), b);
      return;
    case "FuncDef": {
      const key = `${node.def.name}/${node.def.params.length}`;
      const funcs = new Set(scope.funcs);
      funcs.add(key);
      const outer: Scope = { vars: scope.vars, funcs };
      const bodyFuncs = new Set(funcs);
      const bodyVars = new Set(scope.vars);
      for (const p of node.def.params) {
        if (p.startsWith("$")) {
          bodyVars.add(p.slice(1));
          bodyFuncs.add(`${p.slice(1)}/0`);
        } else bodyFuncs.add(`${p}/0`);
      }
      walk(node.def.body, { vars: bodyVars, funcs: bodyFuncs }, b);
      walk(node.rest, outer, b);
      return;
    }
    case "Call": {
      for (const a of node.args) walk(a, scope, b);
      if (scope.funcs.has(node.key) || b.prelude.has(node.key)) return;
      const native = b.natives.get(node.key);
      if (native !== undefined) {
        // Statically a builtin (not shadowed): one-output builtins can be called directly.
        if (native.direct) node.direct = native.direct;
        return;
      }
      throw new JqSyntaxError(`${node.key} is not defined`, node.pos, node.name.length);
    }
  }
}
