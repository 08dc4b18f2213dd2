/**
 * In-place updates of a `reduce` accumulator. libjq mutates a value whose reference count is one, so
 * `reduce .[] as $x ({}; .[$x.id] = $x)` is linear there; copying the accumulator on every step would make it
 * quadratic here. Only update shapes that provably cannot leak the accumulator are handled:
 * `.a.b[K] = V`, `.[K] op= V` and `. + V`, where K and V do not read `.`. Containers this reduce created
 * itself (the `owned` set) are changed in place; anything else is copied first, so inputs stay untouched.
 */
import type { Node } from "./ast.js";
import type { Env } from "./environment.js";
import type { Interpreter } from "./evaluate.js";
import { binaryOp } from "./operators.js";
import { NOT_HANDLED, setOwned } from "./owned-write.js";
import { isObject, setKey } from "./values.js";

export { NOT_HANDLED } from "./owned-write.js";

export type InPlaceUpdate = (it: Interpreter, acc: unknown, env: Env, owned: Set<object>) => unknown;

/** Whether evaluating `node` can observe its input `.` (conservative: calls always can). */
export function readsInput(node: Node): boolean {
  switch (node.type) {
    case "Literal":
    case "Var":
    case "Break":
      return false;
    case "Pipe":
      return readsInput(node.left);
    case "Binary":
    case "And":
    case "Or":
    case "Alt":
    case "Comma":
      return readsInput(node.left) || readsInput(node.right);
    case "Neg":
      return readsInput(node.operand);
    case "Index":
      return readsInput(node.target) || readsInput(node.index);
    case "Array":
      return node.body !== null && readsInput(node.body);
    case "Object":
      return node.entries.some((e) => readsInput(e.key) || readsInput(e.value));
    case "String":
      return node.parts.some((p) => typeof p !== "string" && readsInput(p));
    case "If":
      return readsInput(node.cond) || readsInput(node.then) || node.else === null || readsInput(node.else);
    default:
      return true;
  }
}

/** The keys of `.k1.k2[k3]` from the outside in, or null when `node` is not such a path. */
function pathKeys(node: Node): Node[] | null {
  const keys: Node[] = [];
  let cur = node;
  while (cur.type === "Index") {
    if (readsInput(cur.index)) return null;
    keys.unshift(cur.index);
    cur = cur.target;
  }
  return cur.type === "Identity" && keys.length > 0 ? keys : null;
}

/** Decides once per reduce node whether its update can run in place. */
export function planInPlace(update: Node): InPlaceUpdate | null {
  if (update.type === "Assign" && update.op !== "|=" && update.op !== "//=") {
    const keys = pathKeys(update.left);
    const value = update.right;
    if (keys === null || readsInput(value)) return null;
    const op = update.op === "=" ? null : (update.op.slice(0, -1) as "+");
    return (it, acc, env, owned) => {
      const v = exactlyOne(it, value, acc, env);
      if (v === NOT_HANDLED) return NOT_HANDLED;
      const ks: unknown[] = [];
      for (const k of keys) {
        const kv = exactlyOne(it, k, acc, env);
        if (kv === NOT_HANDLED) return NOT_HANDLED;
        ks.push(kv);
      }
      return setOwned(acc, ks, v, op, owned);
    };
  }
  if (update.type === "Binary" && update.op === "+" && update.left.type === "Identity") {
    const right = update.right;
    if (readsInput(right)) return null;
    return (it, acc, env, owned) => {
      const v = exactlyOne(it, right, acc, env);
      if (v === NOT_HANDLED) return NOT_HANDLED;
      if (acc !== null && typeof acc === "object" && owned.has(acc)) {
        if (Array.isArray(acc) && Array.isArray(v)) {
          for (const x of v) acc.push(x);
          return acc;
        }
        if (isObject(acc) && isObject(v)) {
          for (const k of Object.keys(v)) setKey(acc, k, v[k]);
          return acc;
        }
      }
      const out = binaryOp("+", acc, v);
      // `null + x` is x itself, not a fresh container.
      if (out !== v && out !== acc && out !== null && typeof out === "object") owned.add(out);
      return out;
    };
  }
  return null;
}

/** The only output of `node`, or NOT_HANDLED when it has none or several (the general path decides). */
function exactlyOne(it: Interpreter, node: Node, input: unknown, env: Env): unknown {
  if (node.single === true) return it.one(node, input, env);
  let out: unknown = NOT_HANDLED;
  let count = 0;
  for (const v of it.eval(node, input, env)) {
    if (++count > 1) return NOT_HANDLED;
    out = v;
  }
  return out;
}
