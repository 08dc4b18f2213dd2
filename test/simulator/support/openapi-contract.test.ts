import { beforeAll, describe, expect, it } from "vitest";
import { OpenApiContract } from "./openapi-contract.js";

describe("OpenApiContract", () => {
  let contract: OpenApiContract;
  beforeAll(() => {
    contract = new OpenApiContract("api.github.com");
  });

  const label = {
    id: 1,
    node_id: "x",
    url: "https://api.github.com/l",
    name: "bug",
    description: null,
    color: "fff",
    default: true,
  };

  it("accepts a body that fits, with OpenAPI 3.0 nullable fields set to null", () => {
    const checked = contract.check("GET /repos/{owner}/{repo}/labels/{name}", 200, label);
    expect(checked).toEqual({ documented: ["200", "404"], problems: [] });
  });

  it("names the pointer and the broken rule of every mismatch at once", () => {
    const { problems } = contract.check("GET /repos/{owner}/{repo}/labels", 200, [
      label,
      { ...label, id: "1", default: undefined },
    ]);
    expect(problems).toEqual(["/1: must have required property 'default'", "/1/id: must be integer"]);
  });

  it("follows a response $ref into components (404 → basic-error)", () => {
    expect(contract.check("GET /repos/{owner}/{repo}/labels/{name}", 404, { message: 7 }).problems).toEqual([
      "/message: must be string",
    ]);
    expect(contract.checkSchema("basic-error", { message: "Not Found", status: "404" })).toEqual([]);
  });

  it("reports an unknown operation as undocumented rather than passing it", () => {
    expect(contract.operation("GET /no/such/path")).toBeUndefined();
    expect(contract.check("GET /no/such/path", 200, {}).documented).toEqual([]);
  });
});
