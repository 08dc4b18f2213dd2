import { describe, expect, it } from "vitest";
import { compileJq, JqCompileError, JqRuntimeError } from "../../../../src/engine/mapping/jq/index.js";

function all(program: string, input: unknown = null): unknown[] {
  return [...compileJq(program, { env: {} }).outputs(input)];
}

function runtimeError(program: string, input: unknown = null): JqRuntimeError {
  try {
    all(program, input);
  } catch (e) {
    if (e instanceof JqRuntimeError) return e;
    throw e;
  }
  throw new Error(`expected ${program} to fail`);
}

describe("compileJq", () => {
  it("compiles once and runs on many inputs", () => {
    const program = compileJq(".a + 1");
    expect(program.source).toBe(".a + 1");
    expect(program.first({ a: 1 })).toEqual({ found: true, value: 2 });
    expect(program.first({ a: 41 })).toEqual({ found: true, value: 42 });
  });

  it("throws JqCompileError with code JQ_COMPILE", () => {
    expect(() => compileJq(".a |")).toThrow(JqCompileError);
    try {
      compileJq("1 +");
    } catch (e) {
      expect((e as JqCompileError).code).toBe("JQ_COMPILE");
    }
  });

  it("evaluates lazily: first, limit, label/break and the output iterator stop producers", () => {
    expect(compileJq("range(1e15)").first(null)).toEqual({ found: true, value: 0 });
    expect(all("[limit(3; repeat(1))]")).toEqual([[1, 1, 1]]);
    expect(all("first(range(10; 1e15))")).toEqual([10]);
    expect(all("[label $out | range(1e15) | if . == 2 then ., break $out else . end]")).toEqual([[0, 1, 2]]);
    const taken: unknown[] = [];
    for (const v of compileJq("range(1e15)").outputs(null)) {
      taken.push(v);
      if (taken.length === 3) break;
    }
    expect(taken).toEqual([0, 1, 2]);
  });

  it("raises JqRuntimeError carrying the error value", () => {
    const e = runtimeError("error({code: 1})");
    expect(e.code).toBe("JQ_RUNTIME");
    expect(e.value).toEqual({ code: 1 });
    expect(e.message).toBe('{"code":1} (not a string)');
    expect(runtimeError(".a", 1).message).toBe('Cannot index number with string ("a")');
    expect(runtimeError("{} + 1").message).toBe("object ({}) and number (1) cannot be added");
  });

  it("catches errors with try/catch and ?", () => {
    expect(all('try error("x") catch .')).toEqual(["x"]);
    expect(all("[.[] | .a?]", [1, { a: 2 }])).toEqual([[2]]);
    expect(all('try ("a" | ltrimstr(1)) catch .')).toEqual(["startswith() requires string inputs"]);
  });

  it("reports an empty program output as not found", () => {
    expect(compileJq("empty").first(1)).toEqual({ found: false });
    expect(compileJq(".[] | select(. > 5)").first([1, 2])).toEqual({ found: false });
  });

  it("uses the given environment for env and $ENV", () => {
    const program = compileJq("[env.TOKEN, $ENV.TOKEN]", { env: { TOKEN: "t" } });
    expect(program.first(null)).toEqual({ found: true, value: ["t", "t"] });
  });

  it("never mutates its input", () => {
    const input = { a: [1, 2, 3], b: { c: 1 } };
    const copy = structuredClone(input);
    all(".a[0] = 9 | .b.c += 1 | del(.a[1]) | .a |= map(. * 2) | to_entries | .[0].value = 0", input);
    all('setpath(["b", "c"]; 5), delpaths([["a", 0]])', input);
    expect(input).toEqual(copy);
  });

  it("keeps object keys in insertion order, sorts for keys", () => {
    expect(JSON.stringify(compileJq("{b: 1, a: 2}").first(null))).toBe(
      '{"found":true,"value":{"b":1,"a":2}}',
    );
    expect(all("keys, (to_entries | map(.key)), tojson", { b: 1, a: 2 })).toEqual([
      ["a", "b"],
      ["b", "a"],
      '{"b":1,"a":2}',
    ]);
  });

  it("formats numbers like jq", () => {
    expect(all("[1.0, 1.5, 100, 1e-5, 1e1000, -1e1000, 3.0e2] | map(. + 0) | tojson")).toEqual([
      "[1,1.5,100,1e-05,1.7976931348623157e+308,-1.7976931348623157e+308,300]",
    ]);
    expect(all("1.000, 13911860366432393 | tojson")).toEqual(["1.000", "13911860366432393"]);
    expect(all("have_decnum, have_literal_numbers")).toEqual([true, true]);
  });

  it("hands decimal literals to callers as plain numbers", () => {
    const [v] = all("[13911860366432393, 1E+1000]");
    expect(v).toEqual([13911860366432392, Number.POSITIVE_INFINITY]);
    expect(all('"[1.000]" | fromjson')).toEqual([[1]]);
  });

  it("handles __proto__ and constructor keys as plain data", () => {
    expect(all('{"__proto__": 1} | keys, .__proto__')).toEqual([["__proto__"], 1]);
    expect(all(".constructor", {})).toEqual([null]);
  });

  it("supports the forms Ocean mappings use", () => {
    const pr = { id: 7, head: { repo: { name: "r" } }, labels: [{ name: "a" }, { name: "b" }], draft: false };
    expect(all(".head.repo.name + (.id|tostring)", pr)).toEqual(["r7"]);
    expect(all('[.labels[].name] | join(",")', pr)).toEqual(["a,b"]);
    expect(all('if .draft then "draft" elif .merged then "merged" else "open" end', pr)).toEqual(["open"]);
    expect(all('.labels | map(.name) | any(. == "b")', pr)).toEqual([true]);
    expect(all('.missing // "default"', pr)).toEqual(["default"]);
    expect(all("reduce .labels[] as $l ({}; .[$l.name] = true)", pr)).toEqual([{ a: true, b: true }]);
    expect(all('def tag(p): p + "-" + (.id | tostring); tag(.head.repo.name)', pr)).toEqual(["r-7"]);
    expect(all('"2015-03-05T23:51:47Z" | fromdate | todate')).toEqual(["2015-03-05T23:51:47Z"]);
    expect(all('"2024-01-01T10:00:00Z" | strptime("%Y-%m-%dT%H:%M:%SZ") | mktime')).toEqual([1704103200]);
    expect(all('"a-b_c" | test("^[a-z]+-"), sub("(?<x>[a-z])_"; "\\(.x)!")')).toEqual([true, "a-b!c"]);
    expect(all("[.[] | tostring] | unique", [1, "1", [1]])).toEqual([["1", "[1]"]]);
  });
});

describe("deep recursion", () => {
  it("runs tail-recursive jq functions in constant stack", () => {
    expect(all("def f: if . > 0 then . - 1 | f else . end; 100000 | f")).toEqual([0]);
    expect(all("0 | until(. >= 100000; . + 1)")).toEqual([100000]);
    expect(all("[1 | while(. < 100000; . + 1)] | length")).toEqual([99999]);
  });

  it("walks deep data with recurse, .. and paths", () => {
    expect(all("[0 | recurse(if . < 50000 then . + 1 else empty end)] | length")).toEqual([50001]);
    expect(all("reduce range(5000) as $i (null; [.]) | [..] | length")).toEqual([5001]);
    expect(all("reduce range(5000) as $i (null; [.]) | [paths] | length")).toEqual([5000]);
  });

  it("supports non-tail recursion a thousand levels deep", () => {
    expect(all("def f: if . <= 0 then 0 else 1 + (. - 1 | f) end; 1000 | f")).toEqual([1000]);
  });
});

describe("number literals from strings", () => {
  it("tonumber keeps the text for tojson and gives callers doubles", () => {
    expect(all('"1.000" | tonumber | ., tojson')).toEqual([1, "1.000"]);
    expect(all('["12", "+5.5", ".5", " 4"] | map(try tonumber catch "bad")')).toEqual([
      [12, 5.5, 0.5, "bad"],
    ]);
  });
});
