import { createRequire } from "node:module";

interface SchemaNode {
  required?: string[];
  properties?: Record<string, SchemaNode>;
  $ref?: string;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  type?: string | string[];
  additionalProperties?: boolean | SchemaNode;
}

/**
 * Keys GitHub sends today that the installed schema package predates: `user_view_type` appears on
 * every user object since 2024 (it is in the REST OpenAPI `simple-user`, not yet in webhooks-schemas 7).
 */
const NEWER_THAN_SCHEMA = new Set(["user_view_type"]);

const schema = createRequire(import.meta.url)("@octokit/webhooks-schemas") as {
  definitions: Record<string, SchemaNode>;
};

function resolve(node: SchemaNode): SchemaNode {
  if (node.$ref) {
    const name = node.$ref.replace("#/definitions/", "");
    const target = schema.definitions[name];
    if (!target) throw new Error(`no definition ${name}`);
    return resolve(target);
  }
  return node;
}

/**
 * Every required key GitHub's published webhook schema (`@octokit/webhooks-schemas`) names that is
 * missing from `value`, and every key the schema forbids (`additionalProperties: false`), following
 * `$ref`s into nested objects: `repository.owner.login`, ...
 */
export function missingRequiredKeys(definition: string, value: unknown): string[] {
  const root = schema.definitions[definition];
  if (!root) throw new Error(`no webhook schema definition ${definition}`);
  const missing: string[] = [];
  const walk = (node: SchemaNode, current: unknown, path: string): void => {
    const resolved = resolve(node);
    if (current === null || typeof current !== "object" || Array.isArray(current)) return;
    const record = current as Record<string, unknown>;
    for (const key of resolved.required ?? []) {
      if (!(key in record)) missing.push(`${path}${key}`);
    }
    if (resolved.additionalProperties === false && resolved.properties) {
      for (const key of Object.keys(record)) {
        if (!(key in resolved.properties) && !NEWER_THAN_SCHEMA.has(key)) {
          missing.push(`${path}${key} (not in the schema)`);
        }
      }
    }
    for (const [key, child] of Object.entries(resolved.properties ?? {})) {
      if (key in record) walk(child, record[key], `${path}${key}.`);
    }
  };
  walk(root, value, "");
  return missing;
}
