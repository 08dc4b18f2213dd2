import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as an OpenAPI 3.1 Schema Object (JSON Schema 2020-12): `input` for what a caller
 * sends (defaults make a field optional), `output` for what the server answers.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...converted } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    // A transform's output or a refinement has no JSON Schema form; the input shape still does.
    unrepresentable: "any",
  });
  // `#/$defs/…` would resolve against the whole OpenAPI document, not this schema.
  if ("$defs" in converted) {
    throw new Error(
      "a recursive zod schema cannot be inlined in the OpenAPI description; make it non-recursive",
    );
  }
  return converted;
}

/** The properties of an object schema as OpenAPI parameters (`path`, `query` or `header`). */
export function parametersOf(schema: z.ZodObject | undefined, location: "path" | "query" | "header") {
  if (!schema) return [];
  const converted = jsonSchemaOf(schema, "input");
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    ...(typeof description === "string" ? { description } : {}),
    schema: property,
  }));
}
