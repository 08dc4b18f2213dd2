/** Writing into values by path (`setpath`, `delpaths`); inputs are never mutated, only copied along the path. */
import { codePoints, indexValue, sliceBounds } from "./access.js";
import type { Path } from "./environment.js";
import { JqThrow } from "./errors.js";
import { compareValues, describeValue, getKey, isObject, type JsonObject, setKey, typeOf } from "./values.js";

export function getPath(v: unknown, path: Path): unknown {
  let cur = v;
  for (const comp of path) {
    if (cur === null) return null;
    cur = indexValue(cur, comp);
  }
  return cur;
}

export function setPath(v: unknown, path: Path, value: unknown, at = 0): unknown {
  if (at === path.length) return value;
  const comp = path[at];
  // jq reads before it writes, so a bad key reports the read error.
  const child = v === null ? null : indexValue(v, comp);
  const updated = setPath(child, path, value, at + 1);
  return setComponent(v, comp, updated);
}

function setComponent(v: unknown, comp: unknown, value: unknown): unknown {
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
  const sorted = paths.slice().sort(compareValues);
  let out = v;
  // Deleting the longest/last paths first keeps earlier array indices valid.
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    if (!Array.isArray(p)) throw new JqThrow("Path must be specified as an array");
    out = deletePath(out, p, 0);
  }
  return out;
}

function deletePath(v: unknown, path: Path, at: number): unknown {
  if (at === path.length) return null;
  if (v === null) return null;
  const comp = path[at];
  if (at === path.length - 1) return deleteComponent(v, comp);
  const child = indexValue(v, comp);
  if (child === null) return v;
  return setComponent(v, comp, deletePath(child, path, at + 1));
}

function deleteComponent(v: unknown, comp: unknown): unknown {
  if (typeof comp === "string") {
    if (isObject(v)) {
      if (!Object.hasOwn(v, comp)) return v;
      const out: JsonObject = {};
      for (const k of Object.keys(v)) if (k !== comp) setKey(out, k, v[k]);
      return out;
    }
    throw new JqThrow(`Cannot delete field at object index of ${typeOf(v)}`);
  }
  if (typeof comp === "number") {
    if (Array.isArray(v)) {
      let k = Math.floor(comp);
      if (k < 0) {
        k += v.length;
        if (k < 0) throw new JqThrow("Out of bounds negative array index");
      }
      if (k >= v.length) return v;
      return [...v.slice(0, k), ...v.slice(k + 1)];
    }
    throw new JqThrow(`Cannot delete field at index of ${typeOf(v)}`);
  }
  if (isObject(comp)) {
    if (Array.isArray(v)) {
      const [s, e] = sliceBounds(v.length, getKey(comp, "start"), getKey(comp, "end"));
      return [...v.slice(0, s), ...v.slice(e)];
    }
    if (typeof v === "string") {
      const cps = codePoints(v) ?? v.split("");
      const [s, e] = sliceBounds(cps.length, getKey(comp, "start"), getKey(comp, "end"));
      return [...cps.slice(0, s), ...cps.slice(e)].join("");
    }
    throw new JqThrow(`Cannot delete field at object index of ${typeOf(v)}`);
  }
  throw new JqThrow(`Cannot delete field at ${typeOf(comp)} index of ${typeOf(v)}`);
}
