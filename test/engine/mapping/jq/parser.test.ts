import { describe, expect, it } from "vitest";
import { compileJq, JqCompileError } from "../../../../src/engine/mapping/jq/index.js";
import { parse } from "../../../../src/engine/mapping/jq/parser.js";

function compileError(program: string): JqCompileError {
  try {
    compileJq(program);
  } catch (e) {
    if (e instanceof JqCompileError) return e;
    throw e;
  }
  throw new Error(`expected ${program} not to compile`);
}

describe("jq parser", () => {
  it("lowers field access, optional access and slices", () => {
    expect(parse(".a.b")).toMatchObject({
      type: "Index",
      target: { type: "Index", target: { type: "Identity" }, index: { type: "Literal", value: "a" } },
      index: { type: "Literal", value: "b" },
    });
    expect(parse(".a?")).toMatchObject({ type: "Try", handler: null, body: { type: "Index" } });
    expect(parse(".[1:3]")).toMatchObject({ type: "Slice", from: { value: 1 }, to: { value: 3 } });
    expect(parse('.["a b"]')).toMatchObject({ type: "Index", index: { type: "Literal", value: "a b" } });
    expect(parse(".[]")).toMatchObject({ type: "Iterate", target: { type: "Identity" } });
  });

  it("gives pipe the lowest precedence, then comma, then //", () => {
    expect(parse("1, 2 | 3")).toMatchObject({ type: "Pipe", left: { type: "Comma" } });
    expect(parse(".a // .b, .c")).toMatchObject({ type: "Comma", left: { type: "Alt" } });
    expect(parse("1 + 2 * 3")).toMatchObject({ type: "Binary", op: "+", right: { type: "Binary", op: "*" } });
    expect(parse(".a = 1 // 2")).toMatchObject({ type: "Alt", left: { type: "Assign", op: "=" } });
  });

  it("binds `as` to the whole expression before it (jq 1.8)", () => {
    expect(parse("1 + 2 as $x | $x")).toMatchObject({ type: "Bind", source: { type: "Binary" } });
    expect(parse("1, 2 as $x | $x")).toMatchObject({ type: "Comma", right: { type: "Bind" } });
    expect([...compileJq("1 + 2 as $x | -$x").outputs(null)]).toEqual([-3]);
  });

  it("parses string interpolation and formats", () => {
    expect(parse('"a\\(.x)b"')).toMatchObject({
      type: "String",
      format: null,
      parts: ["a", { type: "Index" }, "b"],
    });
    expect(parse('@base64 "x\\(.)"')).toMatchObject({ type: "String", format: "base64" });
    expect(parse("@csv")).toEqual({ type: "Format", name: "csv" });
  });

  it("parses object construction shorthands", () => {
    const program = compileJq('"X" as $x | {a, $x, "b c", (.k): .v, "d\\(1)": 2, if: 3, $__loc__}');
    const out = [...program.outputs({ a: 1, "b c": 2, k: "key", v: "val" })];
    expect(out).toEqual([
      { a: 1, x: "X", "b c": 2, key: "val", d1: 2, if: 3, __loc__: { file: "<top-level>", line: 1 } },
    ]);
  });

  it("parses if/elif/else with an optional else, reduce, foreach, label and def", () => {
    expect(parse("if . then 1 elif .a then 2 end")).toMatchObject({
      type: "If",
      else: { type: "If", else: null },
    });
    expect(parse("reduce .[] as $x (0; . + $x)")).toMatchObject({ type: "Reduce" });
    expect(parse("foreach .[] as [$a, $b] (0; .; .)")).toMatchObject({ type: "Foreach" });
    expect(parse("label $out | 1, break $out")).toMatchObject({ type: "Label", name: "out" });
    expect(parse("def f(g; $x): g + $x; f(.; 1)")).toMatchObject({
      type: "FuncDef",
      def: { name: "f", params: ["g", "$x"] },
    });
  });

  it("reports syntax errors with jq's wording and the column", () => {
    const e = compileError(". as [] | null");
    expect(e.code).toBe("JQ_COMPILE");
    expect(e.message).toBe("syntax error, unexpected ']', expecting BINDING or '[' or '{'");
    expect(e.where?.column).toBe(7);
    expect(e.jqText.split("\n")[2]).toBe("          ^");
    expect(compileError("{").message).toBe("syntax error, unexpected end of file");
    expect(compileError(".a |").message).toBe("syntax error, unexpected end of file");
  });

  it("rejects unknown functions and variables at compile time", () => {
    expect(compileError("nosuchfn").message).toBe("nosuchfn/0 is not defined");
    expect(compileError("map").message).toBe("map/0 is not defined");
    expect(compileError(". as $foo | [$foo, $bar]").message).toBe("$bar is not defined");
    expect(compileError("break $x").message).toBe("$*label-x is not defined");
  });

  it("rejects constant non-string object keys and bad escapes", () => {
    expect(compileError("{(0):1}").message).toBe("Cannot use number (0) as object key");
    expect(compileError('"\\v"').message).toBe(`Invalid escape at line 1, column 4 (while parsing '"\\v"')`);
  });

  it("ignores comments, including line continuations", () => {
    expect([...compileJq("1 # one\n+ 1").outputs(null)]).toEqual([2]);
  });
});
