/**
 * Marks the nodes that always yield exactly one value (or raise an error), so the interpreter can compute
 * them with plain calls. Runs after the scope check, which resolves calls to one-output builtins.
 */
import type { Node } from "./ast.js";

export function markSingle(node: Node): boolean {
  const single = computeSingle(node);
  node.single = single;
  return single;
}

function all(nodes: readonly (Node | null)[]): boolean {
  let ok = true;
  // Visit every child (no short-circuit) so that nested nodes get marked too.
  for (const n of nodes) if (n !== null && !markSingle(n)) ok = false;
  return ok;
}

function computeSingle(node: Node): boolean {
  switch (node.type) {
    case "Identity":
    case "Literal":
    case "Var":
    case "Format":
      return true;
    case "Index":
      return all([node.target, node.index]);
    case "Slice":
      return all([node.target, node.from, node.to]);
    case "Pipe":
    case "Binary":
    case "And":
    case "Or":
    case "Alt":
      return all([node.left, node.right]);
    case "Neg":
      return markSingle(node.operand);
    case "If":
      // Without else, the input passes through: still one value.
      return all([node.cond, node.then, node.else]);
    case "String":
      return all(node.parts.filter((p): p is Node => typeof p !== "string"));
    case "Object":
      return all(node.entries.flatMap((e) => [e.key, e.value]));
    case "Array":
      // Collects whatever its body yields into exactly one array.
      if (node.body) markSingle(node.body);
      return true;
    case "Reduce":
      markSingle(node.source);
      markSingle(node.update);
      return markSingle(node.init);
    case "Call":
      for (const a of node.args) markSingle(a);
      return node.direct !== undefined && node.args.every((a) => a.single === true);
    case "Iterate":
      markSingle(node.target);
      return false;
    case "Comma":
    case "Assign":
      markSingle(node.left);
      markSingle(node.right);
      return false;
    case "Try":
      markSingle(node.body);
      if (node.handler) markSingle(node.handler);
      return false;
    case "Foreach":
      all([node.source, node.init, node.update, node.extract]);
      return false;
    case "FuncDef":
      markSingle(node.def.body);
      markSingle(node.rest);
      return false;
    case "Bind":
      markSingle(node.source);
      for (const p of node.patterns) markPattern(p);
      markSingle(node.body);
      return false;
    case "Label":
      markSingle(node.body);
      return false;
    case "Break":
      return false;
  }
}

function markPattern(p: import("./ast.js").Pattern): void {
  if (p.type === "PArray") for (const e of p.elements) markPattern(e);
  else if (p.type === "PObject")
    for (const e of p.entries) {
      markSingle(e.key);
      if (e.value) markPattern(e.value);
    }
}
