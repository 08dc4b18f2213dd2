import { describe, expect, it } from "vitest";
import { checkMappingText } from "../../../src/engine/mapping/check-mapping-text.js";
import { TEST_TIME_BUDGET_MS, testMapping } from "../../../src/engine/mapping/test-mapping.js";
import { FAKE_MAPPING, FakeIntegration, thing } from "../../support/fake-integration.js";

function resourceOf(text: string) {
  const { mapping } = checkMappingText(text, new FakeIntegration());
  if (!mapping?.resources[0]) throw new Error("mapping did not bind");
  return mapping.resources[0].mapping;
}

describe("testMapping", () => {
  it("gives each raw object its own outcome: entity, filtered out, dropped, or failing fields", () => {
    const mapping = resourceOf(
      FAKE_MAPPING.replace("identifier: .id", "identifier: .id // empty").replace(
        "size: .size",
        "size: .size.x",
      ),
    );
    const results = testMapping(mapping, [
      thing("a", { size: { x: 2 } }),
      thing("b", { hidden: true }),
      { name: "no id" },
      thing("c"),
    ]);
    expect(
      results.map((result) => [result.entities.map((e) => e.identifier), result.filteredOut, result.dropped]),
    ).toEqual([
      [["a"], false, false],
      [[], true, false],
      [[], false, true],
      [["c"], false, false],
    ]);
    expect(results[0]?.errors).toEqual([]);
    expect(results[3]?.errors).toEqual([
      { field: "properties.size", message: expect.stringContaining("index") },
    ]);
  });

  it("marks a field whose expression gave null as empty, apart from a field whose expression failed", () => {
    const results = testMapping(resourceOf(FAKE_MAPPING.replace("size: .size", "size: .size.x")), [
      thing("a", { color: null }),
    ]);
    expect(results[0]?.errors).toEqual([
      { field: "properties.color", message: '".color" gave null or nothing', empty: true },
      { field: "properties.size", message: expect.stringContaining("index") },
    ]);
  });

  it("reports a selector that is not boolean as the item's error", () => {
    const results = testMapping(resourceOf(FAKE_MAPPING.replace("'.hidden != true'", ".name")), [thing("a")]);
    expect(results[0]?.errors).toEqual([
      { field: "selector.query", message: expect.stringContaining("true or false") },
    ]);
  });

  it("skips the items left once the test's time budget is spent", () => {
    let clock = 0;
    const results = testMapping(resourceOf(FAKE_MAPPING), [thing("a"), thing("b"), thing("c")], () => {
      clock += TEST_TIME_BUDGET_MS * 0.6;
      return clock;
    });
    expect(results.map((result) => result.skipped === true)).toEqual([false, true, true]);
    expect(results[1]?.errors[0]?.message).toMatch(/took too long/);
  });
});
