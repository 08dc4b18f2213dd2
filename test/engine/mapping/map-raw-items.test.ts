import { describe, expect, it } from "vitest";
import { checkMappingText } from "../../../src/engine/mapping/check-mapping-text.js";
import { mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { FAKE_PARTS_MAPPING, FakeIntegration, part, thing } from "../../support/fake-integration.js";

function resourceOf(text: string) {
  const { mapping } = checkMappingText(text, new FakeIntegration());
  if (!mapping?.resources[0]) throw new Error("mapping did not bind");
  return mapping.resources[0].mapping;
}

describe("mapRawItems with itemsToParse", () => {
  // A parent longer than a failure's sample: the element must still show in it.
  const parent = { description: "x".repeat(400) };

  it("counts each element's failures once, and shows the failing element in each sample", () => {
    const result = mapRawItems(resourceOf(FAKE_PARTS_MAPPING), [
      thing("a", { ...parent, parts: [part("1"), part("2", { size: "big" }), part("3", { size: [] })] }),
    ]);
    expect(result.entities.map((entity) => [entity.identifier, entity.properties.size])).toEqual([
      ["a-1", 2],
      ["a-2", null],
      ["a-3", null],
    ]);
    expect(result.fieldFailures.map((failure) => failure.field)).toEqual([
      "properties.size",
      "properties.size",
    ]);
    expect(result.fieldFailures.map((failure) => failure.sample.slice(0, 22))).toEqual([
      '{"part":{"id":"2","col',
      '{"part":{"id":"3","col',
    ]);
  });

  it("shows the failing element in the sample of an object that gave no entity", () => {
    const result = mapRawItems(resourceOf(FAKE_PARTS_MAPPING.replace("'.hidden != true'", ".part.shown")), [
      thing("a", { ...parent, parts: [{ ...part("1"), shown: true }, part("2")] }),
    ]);
    expect(result.entities.map((entity) => entity.identifier)).toEqual(["a-1"]);
    expect(result.itemFailures.map((failure) => [failure.code, failure.sample.slice(0, 22)])).toEqual([
      ["SELECTOR_NOT_BOOLEAN", '{"part":{"id":"2","col'],
    ]);
  });
});
