/**
 * Copy-on-write with ownership: containers created by one update loop (a `reduce`, an assignment over many
 * paths) are listed in `owned` and changed in place afterwards; every other container is copied before it is
 * written, so inputs and shared values are never mutated. This is what keeps `.[] |= f` and
 * `reduce ... (.[$k] = $v)` linear, as libjq's reference counting does.
 */
import { binaryOp } from "./operators.js";
import { getKey, isObject, type JsonObject, setKey } from "./values.js";

/** Returned when the shape or the data needs the general evaluation. */
export const NOT_HANDLED = Symbol("not handled");

/** A fresh, owned copy of `v` (or a new container for null) ready to take key `k`; null if unsupported. */
function ownedContainer(v: unknown, k: unknown, owned: Set<object>): JsonObject | unknown[] | null {
  const intKey = typeof k === "number" && Number.isInteger(k) && k >= 0 && k < 1e6;
  if (v !== null && typeof v === "object" && owned.has(v)) {
    const fits = Array.isArray(v) ? intKey : typeof k === "string";
    return fits ? (v as JsonObject | unknown[]) : null;
  }
  let copy: JsonObject | unknown[];
  if (typeof k === "string") {
    if (v === null) copy = {};
    else if (isObject(v)) copy = { ...v };
    else return null;
  } else if (intKey) {
    if (v === null) copy = [];
    else if (Array.isArray(v)) copy = v.slice();
    else return null;
  } else {
    return null;
  }
  owned.add(copy);
  return copy;
}

function read(container: JsonObject | unknown[], k: unknown): unknown {
  return Array.isArray(container)
    ? (container[k as number] ?? null)
    : getKey(container as JsonObject, k as string);
}

function write(container: JsonObject | unknown[], k: unknown, v: unknown): void {
  if (Array.isArray(container)) {
    const i = k as number;
    while (container.length < i) container.push(null);
    container[i] = v;
  } else {
    setKey(container, k as string, v);
  }
}

/**
 * Sets `value` (or `old op value`) at `keys`, mutating owned containers and copying the others. Returns
 * NOT_HANDLED for anything unusual (negative indices, type errors), which the caller evaluates normally.
 */
export function setOwned(
  acc: unknown,
  keys: unknown[],
  value: unknown,
  op: "+" | null,
  owned: Set<object>,
): unknown {
  const root = ownedContainer(acc, keys[0], owned);
  if (root === null) return NOT_HANDLED;
  let container = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    const child = ownedContainer(read(container, k), keys[i + 1], owned);
    if (child === null) return NOT_HANDLED;
    write(container, k, child);
    container = child;
  }
  const last = keys[keys.length - 1];
  write(container, last, op === null ? value : binaryOp(op, read(container, last), value));
  return root;
}
