import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entityPath, parseEntityPath } from "../../../src/portal/src/entity/entity-path.js";

describe("entity paths", () => {
  it("encodes both parts, so identifiers with slashes, spaces and % come back whole", () => {
    expect(entityPath({ blueprint: "githubRepository", identifier: "a/b c%" })).toBe(
      "/entities/githubRepository/a%2Fb%20c%25",
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (blueprint, identifier) => {
        expect(parseEntityPath(entityPath({ blueprint, identifier }))).toEqual({ blueprint, identifier });
      }),
    );
  });

  it("is not an entity page's path otherwise", () => {
    expect(parseEntityPath("/entities/githubRepository")).toBeUndefined();
    expect(parseEntityPath("/entities/a/b/c")).toBeUndefined();
    expect(parseEntityPath("/entities/a/%E0%A4%A")).toBeUndefined();
    expect(parseEntityPath("/mapping")).toBeUndefined();
  });
});
