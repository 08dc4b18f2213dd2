import fc from "fast-check";
import secureJson from "secure-json-parse";
import { describe, expect, it } from "vitest";
import { PortolanError } from "../../src/engine/errors/portolan-error.js";
import { findForbiddenKey, parseJsonBody } from "../../src/server/json-body-parser.js";
import { jsonParseReason } from "../support/json-parse-reason.js";

/** What `parseJsonBody` throws for `text`, with the status the server answers it with. */
function refusal(text: string): {
  code: string;
  message: string;
  hint: string | undefined;
  statusCode: number;
} {
  try {
    parseJsonBody(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PortolanError);
    const { code, message, hint, statusCode } = error as PortolanError & { statusCode: number };
    return { code, message, hint, statusCode };
  }
  throw new Error(`parseJsonBody accepted ${text}`);
}

describe("parseJsonBody", () => {
  it("reads plain JSON, a leading byte order mark, and harmless constructor and prototype keys", () => {
    expect(parseJsonBody('{"name":"x","items":[1,{"a":null}]}')).toEqual({
      name: "x",
      items: [1, { a: null }],
    });
    expect(parseJsonBody('\ufeff{"name":"x"}')).toEqual({ name: "x" });
    expect(
      parseJsonBody('{"constructor":"a string","prototype":{"x":1},"c":{"constructor":{"p":1}}}'),
    ).toEqual({
      constructor: "a string",
      prototype: { x: 1 },
      c: { constructor: { p: 1 } },
    });
    expect(parseJsonBody("3")).toBe(3);
  });

  it("refuses text that is not JSON with REQUEST_BAD_JSON and the JSON parser's own reason", () => {
    for (const text of ["{not json", '{"a":1', "  ", "[1,]", '\ufeff{"a":']) {
      const bare = text.startsWith("\ufeff") ? text.slice(1) : text;
      expect(refusal(text)).toEqual({
        code: "REQUEST_BAD_JSON",
        message: `the body is not valid JSON: ${jsonParseReason(bare)}`,
        hint: "Send a JSON object.",
        statusCode: 400,
      });
    }
  });

  it("refuses a __proto__ key at the top level with REQUEST_FORBIDDEN_KEY, naming it", () => {
    expect(refusal('{"__proto__":{"polluted":true},"name":"x"}')).toEqual({
      code: "REQUEST_FORBIDDEN_KEY",
      message:
        'the body holds the key "__proto__" at __proto__, which the API refuses: it could change the prototype of the objects the body is read into',
      hint: 'Remove or rename the key "__proto__" at __proto__; no field of the API has that name.',
      statusCode: 400,
    });
  });

  it("names the path of a nested __proto__ key, through objects and arrays", () => {
    const nested = refusal('{"name":"x","integrationSettings":{"__proto__":{"polluted":true}}}');
    expect(nested.code).toBe("REQUEST_FORBIDDEN_KEY");
    expect(nested.message).toMatch(/^the body holds the key "__proto__" at integrationSettings\.__proto__, /);
    expect(nested.hint).toBe(
      'Remove or rename the key "__proto__" at integrationSettings.__proto__; no field of the API has that name.',
    );
    const inArray = refusal('{"resources":[{"a":1},{"odd key":{"__proto__":1}}]}');
    expect(inArray.message).toMatch(
      /^the body holds the key "__proto__" at resources\[1\]\["odd key"\]\.__proto__, /,
    );
    // A key spelled with escapes is the same key once parsed.
    expect(refusal('{"a":{"\\u005f_proto__":{}}}').message).toMatch(/ at a\.__proto__, /);
  });

  it("refuses a constructor key holding prototype, naming constructor.prototype", () => {
    const top = refusal('{"constructor":{"prototype":{"polluted":true}}}');
    expect(top).toEqual({
      code: "REQUEST_FORBIDDEN_KEY",
      message:
        'the body holds the key "constructor.prototype" at constructor.prototype, which the API refuses: it could change the prototype of the objects the body is read into',
      hint: 'Remove or rename the key "constructor.prototype" at constructor.prototype; no field of the API has that name.',
      statusCode: 400,
    });
    const nested = refusal('{"mapping":{"resources":[{"constructor":{"prototype":null}}]}}');
    expect(nested.message).toMatch(
      /^the body holds the key "constructor\.prototype" at mapping\.resources\[0\]\.constructor\.prototype, /,
    );
  });

  it("names a key nested 300,000 deep without overflowing the stack, the path cut to its end", () => {
    const depth = 300_000;
    const deep = refusal(`${"[".repeat(depth)}{"a":{"__proto__":1}}${"]".repeat(depth)}`);
    expect(deep.code).toBe("REQUEST_FORBIDDEN_KEY");
    const path = /at (\S+), which/.exec(deep.message)?.[1] ?? "";
    // The last whole steps that fit in 200 characters.
    expect(path).toBe(`…${"[0]".repeat(62)}.a.__proto__`);
  });
});

describe("findForbiddenKey", () => {
  /** JSON text of a value, with forbidden keys (both kinds) sometimes put in at any depth. */
  const texts = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.jsonValue({ maxDepth: 0 }).map((value) => JSON.stringify(value)),
      fc.array(tie("node"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
      fc
        .array(
          fc.oneof(
            fc.tuple(
              fc.oneof(
                fc.constantFrom("__proto__", "constructor", "prototype", "a b"),
                fc.string({ maxLength: 4 }),
              ),
              tie("node"),
            ),
            fc.tuple(fc.constant("__proto__"), tie("node")),
            // A constructor holding prototype, which two independent keys would rarely make.
            fc.tuple(
              fc.constant("constructor"),
              tie("node").map((value) => `{"prototype":${value}}`),
            ),
          ),
          { maxLength: 3 },
        )
        .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`),
    ),
  })).node;

  it("finds a key exactly when secure-json-parse refuses the text (the property)", () => {
    const seen = { accepted: 0, proto: 0, constructor: 0 };
    fc.assert(
      fc.property(texts, (text) => {
        let refusedBySecureJson = false;
        try {
          secureJson.parse(text, null, { protoAction: "error", constructorAction: "error" });
        } catch {
          refusedBySecureJson = true;
        }
        const found = findForbiddenKey(JSON.parse(text));
        expect(found !== undefined).toBe(refusedBySecureJson);
        if (found) expect(refusal(text).message).toContain(`the key "${found.key}" at ${found.path}, `);
        if (!found) seen.accepted += 1;
        else if (found.key === "__proto__") seen.proto += 1;
        else seen.constructor += 1;
      }),
      { numRuns: 500 },
    );
    // The generated texts hold both kinds of forbidden key, and texts without one.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.proto).toBeGreaterThan(0);
    expect(seen.constructor).toBeGreaterThan(0);
  });
});
