/** Writing into values by path (`setpath`, `delpaths`); inputs are never mutated, only copied along the path. */
import { indexValue, sliceBounds } from "./access.js";
import { DecimalLiteral } from "./decimal.js";
import type { Path } from "./environment.js";
import { JqThrow } from "./errors.js";
import {
  compareValues,
  describeValue,
  equalValues,
  getKey,
  isObject,
  type JsonObject,
  setKey,
  typeOf,
} from "./values.js";

const MAX_PATH = 10000;

export function getPath(v: unknown, path: Path): unknown {
  if (path.length > MAX_PATH) throw new JqThrow("Path too deep");
  let cur = v;
  for (const comp of path) cur = indexValue(cur, comp);
  return cur;
}

export function setPath(v: unknown, path: Path, value: unknown): unknown {
  if (path.length > MAX_PATH) throw new JqThrow("Path too deep");
  // Read down the path first (jq reports a bad key as a read error), then rebuild upwards.
  const containers: unknown[] = [];
  let cur = v;
  for (const comp of path) {
    containers.push(cur);
    cur = cur === null ? null : indexValue(cur, comp);
  }
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = setComponent(containers[i], path[i], out);
  return out;
}

function setComponent(v: unknown, comp: unknown, value: unknown): unknown {
  if (comp instanceof DecimalLiteral) comp = comp.value;
  if (typeof comp === "string") {
    if (v === null) {
      const out: JsonObject = {};
      setKey(out, comp, value);
      return out;
    }
    if (isObject(v)) {
      const out: JsonObject = { ...v };
      setKey(out, comp, value);
      return out;
    }
    throw new JqThrow(`Cannot index ${typeOf(v)} with ${describeValue(comp)}`);
  }
  if (typeof comp === "number") {
    if (v !== null && !Array.isArray(v)) {
      throw new JqThrow(`Cannot index ${typeOf(v)} with ${describeValue(comp)}`);
    }
    if (Number.isNaN(comp)) throw new JqThrow("Cannot set array element at NaN index");
    const arr = v === null ? [] : v.slice();
    let k = Math.floor(comp);
    if (k < 0) {
      k += arr.length;
      if (k < 0) throw new JqThrow("Out of bounds negative array index");
    }
    if (k > 536870911) throw new JqThrow("Array index too large");
    while (arr.length < k) arr.push(null);
    arr[k] = value;
    return arr;
  }
  if (isObject(comp)) {
    if (typeof v === "string") throw new JqThrow("Cannot update string slices");
    if (v !== null && !Array.isArray(v)) {
      throw new JqThrow(`Cannot update field at object index of ${typeOf(v)}`);
    }
    if (!Array.isArray(value)) throw new JqThrow("A slice of an array can only be assigned another array");
    const arr = v === null ? [] : v;
    const [s, e] = sliceBounds(arr.length, getKey(comp, "start"), getKey(comp, "end"));
    return [...arr.slice(0, s), ...value, ...arr.slice(e)];
  }
  if (Array.isArray(comp) && Array.isArray(v)) {
    throw new JqThrow("Cannot update field at array index of array");
  }
  throw new JqThrow(`Cannot update field at ${typeOf(comp)} index of ${typeOf(v)}`);
}

export function deletePaths(v: unknown, paths: readonly unknown[]): unknown {
  for (const p of paths) {
    if (!Array.isArray(p)) throw new JqThrow(`Path must be specified as array, not ${typeOf(p)}`);
    if (p.length > MAX_PATH) throw new JqThrow("Path too deep");
    if (p.length === 0) return null;
  }
  return deleteSorted(v, (paths as unknown[][]).slice().sort(compareValues), 0);
}

/**
 * Deletes sorted paths level by level, as jq does: all keys deleted from one container are removed
 * together, so `del(.[1], .[2])` removes the original elements 1 and 2.
 */
function deleteSorted(v: unknown, paths: unknown[][], at: number): unknown {
  const whole: unknown[] = [];
  let out = v;
  let i = 0;
  while (i < paths.length) {
    const first = paths[i] as unknown[];
    const key = first[at];
    let j = i + 1;
    while (j < paths.length && equalValues((paths[j] as unknown[])[at], key)) j++;
    if (first.length === at + 1) whole.push(key);
    else if (out !== null) {
      const child = indexValue(out, key);
      if (child !== null) out = setComponent(out, key, deleteSorted(child, paths.slice(i, j), at + 1));
    }
    i = j;
  }
  return whole.length > 0 ? deleteKeys(out, whole) : out;
}

function deleteKeys(v: unknown, rawKeys: unknown[]): unknown {
  const keys = rawKeys.map((k) => (k instanceof DecimalLiteral ? k.value : k));
  if (v === null) return null;
  if (isObject(v)) {
    const drop = new Set<string>();
    for (const k of keys) {
      if (typeof k !== "string") throw new JqThrow(`Cannot delete ${typeOf(k)} field of object`);
      drop.add(k);
    }
    const out: JsonObject = {};
    for (const k of Object.keys(v)) if (!drop.has(k)) setKey(out, k, v[k]);
    return out;
  }
  if (Array.isArray(v)) {
    const drop = new Uint8Array(v.length);
    for (const k of keys) {
      if (typeof k === "number") {
        let idx = Math.floor(k);
        if (idx < 0) idx += v.length;
        if (idx >= 0 && idx < v.length) drop[idx] = 1;
      } else if (isObject(k)) {
        const [s, e] = sliceBounds(v.length, getKey(k, "start"), getKey(k, "end"));
        for (let x = s; x < e; x++) drop[x] = 1;
      } else {
        throw new JqThrow(`Cannot delete ${typeOf(k)} element of array`);
      }
    }
    return v.filter((_, idx) => drop[idx] === 0);
  }
  throw new JqThrow(`Cannot delete fields from ${typeOf(v)}`);
}
