/** Builtins about evaluation itself: empty, error, map, select, env, builtins, and the CLI-only ones. */
import { iterableValues, iterateError } from "../access.js";
import type { Closure } from "../environment.js";
import { JqThrow } from "../errors.js";
import { isTruthy } from "../values.js";
import { fn, type NativeTable } from "./native.js";

function arg(args: readonly Closure[], i: number): Closure {
  return args[i] as Closure;
}

export const CONTROL: NativeTable = {
  "empty/0": {
    values: () => [],
    paths: () => [],
  },
  "error/1": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(it, input, args) {
      for (const v of it.evalClosure(arg(args, 0), input)) throw new JqThrow(v);
    },
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *paths(it, input, _path, args) {
      for (const v of it.evalClosure(arg(args, 0), input)) throw new JqThrow(v);
    },
  },
  "error/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(_it, input) {
      throw new JqThrow(input);
    },
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *paths(_it, input) {
      throw new JqThrow(input);
    },
  },
  // map and select are the hottest builtins in mappings; written natively to skip a jq-level call.
  "map/1": {
    *values(it, input, args) {
      const values = iterableValues(input);
      if (values === null) throw iterateError(input);
      const out: unknown[] = [];
      const f = arg(args, 0);
      for (const v of values) for (const r of it.evalClosure(f, v)) out.push(r);
      yield out;
    },
  },
  "select/1": {
    *values(it, input, args) {
      for (const c of it.evalClosure(arg(args, 0), input)) if (isTruthy(c)) yield input;
    },
    *paths(it, input, path, args) {
      for (const c of it.evalClosure(arg(args, 0), input)) if (isTruthy(c)) yield [input, path];
    },
  },
  "env/0": {
    *values(it) {
      yield it.envObject();
    },
  },
  "builtins/0": {
    *values(it) {
      const names = new Set<string>();
      for (const k of it.options.natives.keys()) if (!k.startsWith("_")) names.add(k);
      for (const k of it.options.prelude.keys()) if (!k.startsWith("_")) names.add(k);
      yield [...names];
    },
  },
  "input_line_number/0": fn(() => 0),
  "input_filename/0": fn(() => null),
  "now/0": fn(() => Date.now() / 1000),
  "input/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values() {
      throw new JqThrow("No more inputs");
    },
  },
  "inputs/0": { values: () => [] },
  "debug/0": {
    *values(_it, input) {
      yield input;
    },
    *paths(_it, input, path) {
      yield [input, path];
    },
  },
  "stderr/0": {
    *values(_it, input) {
      yield input;
    },
  },
  "halt/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values() {
      throw new JqThrow("halt is not supported by this jq engine");
    },
  },
  "halt_error/1": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(_it, input) {
      throw new JqThrow(input);
    },
  },
  "halt_error/0": {
    // biome-ignore lint/correctness/useYield: the error is raised lazily, when the filter runs
    *values(_it, input) {
      throw new JqThrow(input);
    },
  },
  "get_search_list/0": fn(() => []),
};
