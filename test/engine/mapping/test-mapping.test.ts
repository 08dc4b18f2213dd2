import { describe, expect, it } from "vitest";
import { checkMappingText } from "../../../src/engine/mapping/check-mapping-text.js";
import { TEST_TIME_BUDGET_MS, testMapping } from "../../../src/engine/mapping/test-mapping.js";
import {
  FAKE_MAPPING,
  FAKE_PARTS_MAPPING,
  FakeIntegration,
  part,
  thing,
} from "../../support/fake-integration.js";

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
      results.map((result) => [
        result.entities.map((tested) => tested.entity.identifier),
        result.filteredOut,
        result.dropped,
      ]),
    ).toEqual([
      [["a"], false, false],
      [[], true, false],
      [[], false, true],
      [["c"], false, false],
    ]);
    // An entity's field failures are its own; a dropped object's are the raw object's.
    expect(results.map((result) => result.errors.length)).toEqual([0, 0, 3, 0]);
    // Without itemsToParse there are no elements to name.
    expect(results.map((result) => result.elements)).toEqual([undefined, undefined, undefined, undefined]);
    expect(results[2]?.errors[0]).toEqual({
      field: "identifier",
      message: '".id // empty" gave null or nothing',
      empty: true,
    });
    expect(results[0]?.entities[0]?.errors).toEqual([]);
    expect(results[3]?.entities[0]?.errors).toEqual([
      { field: "properties.size", message: expect.stringContaining("index") },
    ]);
  });

  it("marks a field whose expression gave null as empty, apart from a field whose expression failed", () => {
    const results = testMapping(resourceOf(FAKE_MAPPING.replace("size: .size", "size: .size.x")), [
      thing("a", { color: null }),
    ]);
    expect(results[0]?.entities[0]?.errors).toEqual([
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

  describe("with itemsToParse", () => {
    it("names the elements the selector filtered out, beside the others' entities", () => {
      const [result] = testMapping(
        resourceOf(FAKE_PARTS_MAPPING.replace("'.hidden != true'", "'.part.hidden != true'")),
        [
          thing("a", {
            parts: [part("1"), part("2", { hidden: true }), part("3"), part("4", { hidden: true })],
          }),
        ],
      );
      expect(result?.entities.map((tested) => tested.entity.identifier)).toEqual(["a-1", "a-3"]);
      expect(result?.filteredOut).toBe(true);
      expect(result?.elements).toEqual({ filteredOut: [1, 3], dropped: [] });
    });

    it("gives each entity the errors of its own element, the others clean", () => {
      const [result] = testMapping(resourceOf(FAKE_PARTS_MAPPING), [
        thing("a", { parts: [part("1"), part("2", { size: "big" }), part("3")] }),
      ]);
      expect(result?.entities.map((tested) => [tested.entity.identifier, tested.errors])).toEqual([
        ["a-1", []],
        ["a-2", [{ field: "properties.size", message: expect.stringContaining("cannot be added") }]],
        ["a-3", []],
      ]);
      expect(result?.errors).toEqual([]);
    });

    it("keeps two elements' different failures apart", () => {
      const [result] = testMapping(resourceOf(FAKE_PARTS_MAPPING), [
        thing("a", { parts: [part("1", { color: 7 }), part("2"), part("3", { size: [1] })] }),
      ]);
      expect(result?.entities.map((tested) => [tested.entity.identifier, tested.errors])).toEqual([
        ["a-1", [{ field: "properties.color", message: expect.stringContaining("must be a string") }]],
        ["a-2", []],
        ["a-3", [{ field: "properties.size", message: expect.stringContaining("cannot be added") }]],
      ]);
    });

    it("says which element a failure that gave no entity came from", () => {
      const [result] = testMapping(resourceOf(FAKE_PARTS_MAPPING), [
        thing("a", { parts: [part("1"), { id: 2, color: "RED", size: 1 }] }),
      ]);
      expect(result?.entities.map((tested) => tested.entity.identifier)).toEqual(["a-1"]);
      expect(result?.dropped).toBe(true);
      expect(result?.elements).toEqual({ filteredOut: [], dropped: [1] });
      expect(result?.errors).toEqual([
        { field: "identifier", message: expect.stringContaining("cannot be added"), element: 1 },
      ]);
    });
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
