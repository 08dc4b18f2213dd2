import { describe, expect, it } from "vitest";
import { compileJq } from "../../../../src/engine/mapping/jq/index.js";

function all(program: string, input: unknown = null): unknown[] {
  return [...compileJq(program, { env: {} }).outputs(input)];
}

describe("regex builtins (Oniguruma syntax on JS RegExp)", () => {
  it("supports the jq flags", () => {
    expect(all('[match("a"; "gi") | .offset]', "AbA")).toEqual([[0, 2]]);
    expect(all('test("a b # comment"; "x")', "ab")).toEqual([true]);
    expect(all('[match("x*"; "gn") | .offset]', "axxb")).toEqual([[1]]);
    expect(all('test("a.b"; "p"), test("a.b")', "a\nb")).toEqual([true, false]);
    expect(all('test("^b"; "s")', "a\nb")).toEqual([false]);
    expect(() => all('test("a"; "q")', "a")).toThrow("q is not a valid modifier string");
  });

  it("reports offsets and lengths in code points, with named captures", () => {
    expect(all('match("(?<word>b+)") | [.offset, .length, .captures[0].name]', "😀abb")).toEqual([
      [2, 2, "word"],
    ]);
    expect(all('capture("(?<y>\\\\d{4})-(?<m>\\\\d{2})")', "on 2024-05")).toEqual([{ y: "2024", m: "05" }]);
    expect(all('[scan("\\\\h+")]', "x1f zz 0a")).toEqual([["1f", "0a"]]);
  });

  it("translates Oniguruma-only syntax", () => {
    expect(all('test("\\\\Aab\\\\z")', "ab")).toEqual([true]);
    expect(all('sub("(?<x>a)(?=b)"; "[\\(.x)]")', "cab")).toEqual(["c[a]b"]);
    expect(all('gsub("[[:digit:]]+"; "#")', "a1b22")).toEqual(["a#b#"]);
    expect(all('[splits(", *"; null)]', "a, b,c")).toEqual([["a", "b", "c"]]);
    expect(all('ascii_downcase | gsub("\\\\s+"; "-")', "Hello  Big World")).toEqual(["hello-big-world"]);
  });
});

describe("date builtins (UTC)", () => {
  it("round-trips ISO dates", () => {
    expect(all('"2015-03-05T23:51:47Z" | strptime("%Y-%m-%dT%H:%M:%SZ")')).toEqual([
      [2015, 2, 5, 23, 51, 47, 4, 63],
    ]);
    expect(all('"2015-03-05T23:51:47Z" | fromdate, (fromdate | todate)')).toEqual([
      1425599507,
      "2015-03-05T23:51:47Z",
    ]);
    expect(all("1425599507.25 | (gmtime | .[5], mktime), todate")).toEqual([
      47.25,
      1425599507,
      "2015-03-05T23:51:47Z",
    ]);
  });

  it("formats with strftime and normalises like timegm", () => {
    expect(all('1435677542.822351 | strftime("%A, %B %d, %Y %j %e %H:%M:%S %Z")')).toEqual([
      "Tuesday, June 30, 2015 181 30 15:19:02 UTC",
    ]);
    expect(all('[2024, 12, 1] | strftime("%F")')).toEqual(["2025-01-01"]);
    expect(all('try ("2024-01-01T00:00:00.5Z" | fromdate) catch .')).toEqual([
      'date "2024-01-01T00:00:00.5Z" does not match format "%Y-%m-%dT%H:%M:%SZ"',
    ]);
  });
});

describe("formats", () => {
  it("encodes and decodes", () => {
    expect(all("@base64, (@base64 | @base64d), @uri, @html, @sh, @json", "a b<'>é")).toEqual([
      "YSBiPCc+w6k=",
      "a b<'>é",
      "a%20b%3C%27%3E%C3%A9",
      "a b&lt;&apos;&gt;é",
      "'a b<'\\''>é'",
      '"a b<\'>é"',
    ]);
    expect(all("@csv, @tsv", [1, 'a"b', null, true, "t\tx"])).toEqual([
      '1,"a""b",,true,"t\tx"',
      '1\ta"b\t\ttrue\tt\\tx',
    ]);
    expect(all('@text "v=\\(.)", @json "v=\\(.)", @uri "q=\\(.)"', "a b")).toEqual([
      "v=a b",
      'v="a b"',
      "q=a%20b",
    ]);
  });
});

describe("collections and paths", () => {
  it("sorts in jq's total order", () => {
    expect(all("sort", [{ a: 1 }, [1], "b", 2, true, false, null, "a"])).toEqual([
      [null, false, true, 2, "a", "b", [1], { a: 1 }],
    ]);
    expect(all("group_by(.k) | map(length)", [{ k: 2 }, { k: 1 }, { k: 2 }])).toEqual([[1, 2]]);
    expect(all("unique_by(length), min_by(length), max_by(length)", ["ab", "c", "de"])).toEqual([
      ["c", "ab"],
      "c",
      "de",
    ]);
  });

  it("reads and writes paths", () => {
    const doc = { a: { b: [1, { c: 2 }] } };
    expect(all("[paths]", doc)).toEqual([
      [["a"], ["a", "b"], ["a", "b", 0], ["a", "b", 1], ["a", "b", 1, "c"]],
    ]);
    expect(all("[leaf_paths]", doc)).toEqual([
      [
        ["a", "b", 0],
        ["a", "b", 1, "c"],
      ],
    ]);
    expect(all('getpath(["a","b",1,"c"]), path(..|select(type=="number"))', doc)).toEqual([
      2,
      ["a", "b", 0],
      ["a", "b", 1, "c"],
    ]);
    expect(all("pick(.a.b[1].c)", doc)).toEqual([{ a: { b: [null, { c: 2 }] } }]);
    expect(all("del(.a.b[0]), to_entries[0].key, with_entries(.value |= type)", doc)).toEqual([
      { a: { b: [{ c: 2 }] } },
      "a",
      { a: "object" },
    ]);
  });
});
