import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

/** The descriptions `@octokit/openapi` publishes that the simulator answers for. */
export type ApiDescriptionName = "api.github.com" | "ghes-3.19";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ajv-formats is CommonJS with a default export; under NodeNext the plugin sits on `.default`.
const addFormats = addFormatsModule.default;

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms (ajv accepts `nullable` only next to `type`, and
 * GitHub puts it beside `allOf`/`anyOf`/`$ref` too): `type: [t, "null"]`, or `anyOf: [schema, null]`.
 */
function withoutNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutNullable);
  if (node === null || typeof node !== "object") return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) copy[key] = withoutNullable(value);
  if (copy.nullable !== true) return copy;
  delete copy.nullable;
  if (typeof copy.type === "string") {
    copy.type = [copy.type, "null"];
    if (Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...copy.enum, null];
    return copy;
  }
  return { anyOf: [copy, { type: "null" }] };
}

/** `/repos/{owner}/{repo}` → a JSON pointer segment (`~1repos~1%7Bowner%7D...`) ajv resolves. */
function pointerSegment(key: string): string {
  return encodeURIComponent(key.replaceAll("~", "~0").replaceAll("/", "~1"));
}

export interface ResponseCheck {
  /** The documented statuses of the operation (`"200"`, `"304"`, ...); empty when the operation is unknown. */
  documented: string[];
  /** `pointer: message` for each way the body breaks the documented schema. */
  problems: string[];
}

/**
 * One of GitHub's OpenAPI descriptions, loaded and compiled once: checks a response (status and JSON
 * body) against what the description documents for `METHOD /path/{param}`.
 */
export class OpenApiContract {
  private readonly document: JsonObject;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(readonly name: ApiDescriptionName) {
    const raw = createRequire(import.meta.url)(`@octokit/openapi/generated/${name}.json`) as Json;
    this.document = withoutNullable(raw) as JsonObject;
    // `inlineRefs: false`: each component schema compiles once and is shared, not inlined per response.
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      logger: false,
      inlineRefs: false,
    });
    addFormats(this.ajv);
    this.ajv.addSchema(this.document as object, name);
  }

  /** The operation object for `"GET /repos/{owner}/{repo}"`, or undefined if the description lacks it. */
  operation(operation: string): JsonObject | undefined {
    const [method = "", path = ""] = operation.split(" ");
    const paths = this.document.paths as Record<string, JsonObject>;
    return paths[path]?.[method.toLowerCase()] as JsonObject | undefined;
  }

  /** The response object of a status, following a `$ref` into `components/responses`. */
  private response(operation: string, status: string): { pointer: string; value: JsonObject } | undefined {
    const [method = "", path = ""] = operation.split(" ");
    const responses = this.operation(operation)?.responses as Record<string, JsonObject> | undefined;
    const value = responses?.[status];
    if (!value) return undefined;
    const ref = value.$ref;
    if (typeof ref === "string") {
      const name = ref.replace("#/components/responses/", "");
      const shared = (this.document.components as Record<string, Record<string, JsonObject>>).responses;
      const target = shared?.[name];
      return target ? { pointer: `/components/responses/${pointerSegment(name)}`, value: target } : undefined;
    }
    return {
      pointer: `/paths/${pointerSegment(path)}/${method.toLowerCase()}/responses/${status}`,
      value,
    };
  }

  /** The response headers documented for `status` (`Link`, `Location`, ...). */
  documentedHeaders(operation: string, status: number): string[] {
    return Object.keys((this.response(operation, String(status))?.value.headers ?? {}) as JsonObject);
  }

  private validator(operation: string, status: string): ValidateFunction | null {
    const key = `${operation} ${status}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    const response = this.response(operation, status);
    const content = (response?.value.content ?? {}) as Record<string, JsonObject>;
    const mediaType = Object.keys(content).find((type) => type.includes("json"));
    const validate =
      response && mediaType && content[mediaType]?.schema
        ? (this.ajv.getSchema(
            `${this.name}#${response.pointer}/content/${pointerSegment(mediaType)}/schema`,
          ) ?? null)
        : null;
    this.validators.set(key, validate);
    return validate;
  }

  /** What the description documents for `status`, and every way `body` breaks that schema. */
  check(operation: string, status: number, body: unknown): ResponseCheck {
    const responses = this.operation(operation)?.responses as Record<string, unknown> | undefined;
    const documented = Object.keys(responses ?? {});
    const validate = this.validator(operation, String(status));
    if (!validate || validate(body)) return { documented, problems: [] };
    const problems = (validate.errors ?? []).map(
      (error) =>
        `${error.instancePath || "/"}: ${error.message ?? error.keyword}${
          error.keyword === "additionalProperties" || error.keyword === "enum"
            ? ` ${JSON.stringify(error.params)}`
            : ""
        }`,
    );
    return { documented, problems: [...new Set(problems)] };
  }

  /** Checks `body` against a named component schema (`basic-error`, ...). */
  checkSchema(schemaName: string, body: unknown): string[] {
    const validate = this.ajv.getSchema(`${this.name}#/components/schemas/${pointerSegment(schemaName)}`);
    if (!validate) throw new Error(`${this.name} has no schema ${schemaName}`);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || "/"}: ${error.message}`);
  }
}
