/**
 * The evaluation budget: filters that never end, recurse without bound or build huge values stop with a
 * JqRuntimeError that `try` cannot catch, well within the time budget.
 */
import { describe, expect, it } from "vitest";
import { compileJq, DEFAULT_LIMITS, JqRuntimeError } from "../../../../src/engine/mapping/jq/index.js";

const TIME_STOP = /^evaluation stopped: more than 200 ms$/;
const SIZE_STOP = /^evaluation stopped: built a value over 1 MiB$/;
/** Whichever limit comes first. */
const ANY_STOP = /^evaluation stopped: |^jq program recursed too deeply$/;
const limits = { timeoutMs: 200, maxValueBytes: 1024 * 1024 };

/** Runs `filter` with small limits; returns the error and how long it took. */
function stopped(filter: string, input: unknown = null): { error: unknown; ms: number } {
  const program = compileJq(filter, { limits });
  const start = performance.now();
  try {
    program.first(input);
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
  throw new Error(`${filter} was not stopped`);
}

function deep(levels: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

describe("evaluation budget", () => {
  it("defaults to 1 s and 64 MiB per evaluation", () => {
    expect(DEFAULT_LIMITS).toEqual({ timeoutMs: 1000, maxValueBytes: 64 * 1024 * 1024 });
  });

  it.each([
    ["def f: f; f", TIME_STOP],
    ["reduce range(1e9) as $i (0; .+1)", TIME_STOP],
    ["last(range(1e12))", TIME_STOP],
    ["[repeat(1) | select(. == 2)]", TIME_STOP],
    ["def f: try f catch f; f", ANY_STOP],
    ["[range(infinite)]", SIZE_STOP],
    ["[limit(infinite; repeat(1))]", ANY_STOP],
    ["[range(1e8)] | length", SIZE_STOP],
    ['"x" * 1e7', SIZE_STOP],
    ["{} | .a[1e8] = 1", SIZE_STOP],
    ["reduce range(1) as $i ([]; .[1e8] = 1)", SIZE_STOP],
    ['reduce range(1e7) as $i (""; . + "xxxxxxxxxx")', ANY_STOP],
    ['"\\("x" * 600000)\\("y" * 600000)"', SIZE_STOP],
    ["reduce range(30) as $i ([1]; [., .]) | tojson", ANY_STOP],
  ])("%s is stopped", (filter, message) => {
    const { error, ms } = stopped(filter);
    expect(error).toBeInstanceOf(JqRuntimeError);
    expect((error as JqRuntimeError).message).toMatch(message);
    expect(ms).toBeLessThan(limits.timeoutMs + 1000);
  });

  it("keeps jq's own catchable error for repeats beyond its limit", () => {
    expect(compileJq('try ("x" * 1e9) catch .', { limits }).first(null)).toEqual({
      found: true,
      value: "Repeat string result too long",
    });
  });

  it("cannot be caught by try, ? or label/break", () => {
    for (const filter of [
      'try ("x" * 1e7) catch "caught"',
      '("x" * 1e7)?',
      "label $out | [range(infinite)]",
    ]) {
      expect(stopped(filter).error).toBeInstanceOf(JqRuntimeError);
    }
  });

  it("reports recursion deeper than the stack as an error", () => {
    const { error } = stopped("def f: [f]; f");
    expect((error as JqRuntimeError).message).toMatch(/recursed too deeply|evaluation stopped/);
    expect(stopped("walk(.)", deep(200_000)).error).toBeInstanceOf(JqRuntimeError);
  });

  it("gives each evaluation its own budget", () => {
    const program = compileJq("[range(.)] | length", { limits });
    for (let i = 0; i < 20; i++) expect(program.first(10_000)).toEqual({ found: true, value: 10_000 });
  });

  it("counts only the time spent producing outputs of a lazy iteration", async () => {
    const program = compileJq("range(3)", { limits: { timeoutMs: 100 } });
    const seen: unknown[] = [];
    for (const v of program.outputs(null)) {
      seen.push(v);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(seen).toEqual([0, 1, 2]);
  });

  it("stops a lazy iteration that runs past its budget", () => {
    const program = compileJq("range(infinite) | select(. < 0)", { limits });
    expect(() => Array.from(program.outputs(null))).toThrow(TIME_STOP);
  });
});
