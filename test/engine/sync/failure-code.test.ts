import { describe, expect, it } from "vitest";
import { PortolanError } from "../../../src/engine/errors/portolan-error.js";
import { failureCode } from "../../../src/engine/sync/failure-code.js";

const missing = (repository: string) =>
  new PortolanError("GITHUB_MISSING_PERMISSION", `no pull_requests=read on ${repository}`);

describe("the code a failed kind is recorded with", () => {
  it("is the error's own code, or KIND_FAILED for an error without one", () => {
    expect(failureCode(missing("a"))).toBe("GITHUB_MISSING_PERMISSION");
    expect(failureCode(new Error("boom"))).toBe("KIND_FAILED");
    expect(failureCode("a string")).toBe("KIND_FAILED");
  });

  it("is the code an AggregateError's errors share, nested ones included", () => {
    const repositories = new AggregateError([missing("a"), missing("b")], "2 repositories failed");
    expect(failureCode(repositories)).toBe("GITHUB_MISSING_PERMISSION");
    expect(failureCode(new AggregateError([repositories, missing("c")], "2 installations failed"))).toBe(
      "GITHUB_MISSING_PERMISSION",
    );
  });

  it("is KIND_FAILED when the errors' codes differ, or there are none", () => {
    const mixed = new AggregateError([missing("a"), new PortolanError("GITHUB_NOT_FOUND", "gone")], "mixed");
    expect(failureCode(mixed)).toBe("KIND_FAILED");
    expect(failureCode(new AggregateError([], "none"))).toBe("KIND_FAILED");
  });
});
