import { describe, expect, it } from "vitest";
import {
  describeCell,
  EXCERPT_LENGTH,
  markdownToPlainText,
} from "../../../src/portal/src/catalog/describe-cell.js";

describe("describeCell", () => {
  it("shows null, undefined, empty strings and empty lists as the em dash", () => {
    for (const value of [null, undefined, "", []]) expect(describeCell(value)).toEqual({ kind: "empty" });
  });

  it("links http and https urls, and never other schemes", () => {
    expect(describeCell("https://github.com/a/b", { format: "url" })).toEqual({
      kind: "link",
      href: "https://github.com/a/b",
      text: "https://github.com/a/b",
    });
    expect(describeCell("javascript:alert(1)", { format: "url" })).toEqual({
      kind: "text",
      text: "javascript:alert(1)",
    });
    expect(describeCell("not a url", { format: "url" })).toEqual({ kind: "text", text: "not a url" });
  });

  it("cuts markdown to a plain-text excerpt and keeps the full text as the title", () => {
    const markdown = `## Setup\n\nRun \`npm ci\`, then see the [guide](https://x.invalid). ${"More words. ".repeat(10)}`;
    const view = describeCell(markdown, { format: "markdown" });
    expect(view.kind).toBe("text");
    if (view.kind !== "text") return;
    expect(view.title).toBe(markdown);
    expect(view.text.startsWith("Setup Run npm ci, then see the guide. More words.")).toBe(true);
    expect(view.text.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    expect(view.text.endsWith("…")).toBe(true);
  });

  it("shows date-times in UTC and leaves unparseable ones as text", () => {
    expect(describeCell("2026-03-04T05:06:07Z", { format: "date-time" })).toEqual({
      kind: "time",
      iso: "2026-03-04T05:06:07Z",
      text: "2026-03-04 05:06 UTC",
    });
    expect(describeCell("yesterday", { format: "date-time" })).toEqual({ kind: "text", text: "yesterday" });
  });

  it("joins arrays with commas and shows objects as compact JSON", () => {
    expect(describeCell(["a", 1, true, null, { b: 2 }])).toEqual({
      kind: "text",
      text: 'a, 1, true, —, {"b":2}',
    });
    expect(describeCell({ archived: false, nested: { n: 1 } })).toEqual({
      kind: "text",
      text: '{"archived":false,"nested":{"n":1}}',
    });
    expect(describeCell(0)).toEqual({ kind: "text", text: "0" });
    expect(describeCell(false)).toEqual({ kind: "text", text: "false" });
  });
});

describe("markdownToPlainText", () => {
  it("drops markup but keeps words, including snake_case and a * b", () => {
    expect(markdownToPlainText("# Title\n\n- **bold** and _em_\n> quote ![logo](x.png)")).toBe(
      "Title bold and em quote logo",
    );
    expect(markdownToPlainText("use snake_case_names and 2 * 3")).toBe("use snake_case_names and 2 * 3");
  });
});
