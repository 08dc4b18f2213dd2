import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { PortolanError } from "../errors/portolan-error.js";
import { ENGINE_TOP_LEVEL_KEYS, type PortAppConfig, portAppConfigSchema } from "./port-app-config-schema.js";

export interface MappingWarning {
  message: string;
  where: { source: string; path: string; line?: number; column?: number };
}

export interface ParsedPortAppConfig {
  config: PortAppConfig;
  /** Top-level keys the integration reads (organizations, repositoryType, …). */
  options: Record<string, unknown>;
  /** Keys Ocean ignores (so a mapping still loads), named with where they are: usually a typo. */
  warnings: MappingWarning[];
}

/** The keys of Ocean's fixed models below the top level; anything else there is ignored, with a warning. */
const KNOWN_KEYS = {
  resource: ["kind", "selector", "port"],
  port: ["itemsToParse", "itemsToParseName", "itemsToParseTopLevelTransform", "entity"],
  entity: ["mappings"],
  mappings: ["identifier", "blueprint", "title", "icon", "team", "properties", "relations"],
} as const;

/**
 * Parses a mapping from YAML or JSON text (JSON is YAML) once, at the edge. A malformed or invalid
 * mapping is refused with file, line, column, the path (`resources[3].selector.query`) and what
 * is allowed; nothing is half-applied.
 */
export function parsePortAppConfig(text: string, source = "mapping"): ParsedPortAppConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const position = lineCounter.linePos(syntaxError.pos[0]);
    throw new PortolanError("MAPPING_SYNTAX", syntaxError.message.split("\n")[0] ?? "invalid YAML", {
      where: { source, line: position.line, column: position.col },
      hint: "Fix the YAML syntax at that position (indentation, quotes, a missing colon).",
    });
  }
  const raw: unknown = document.toJS();
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new PortolanError(
      "MAPPING_NOT_AN_OBJECT",
      "the mapping must be an object with a `resources` list",
      {
        where: { source, line: 1, column: 1 },
        hint: "Start from the default mapping: `resources:` followed by `- kind: ...` entries.",
      },
    );
  }
  const result = portAppConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((segment) => typeof segment !== "symbol") as (string | number)[];
    const node = nearestNode(document, path);
    const position = node === undefined ? undefined : lineCounter.linePos(node);
    throw new PortolanError("MAPPING_INVALID", issue.message, {
      where: {
        source,
        path: formatPath(path),
        ...(position ? { line: position.line, column: position.col } : {}),
      },
      hint: hintFor(path),
    });
  }
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result.data)) {
    if (!ENGINE_TOP_LEVEL_KEYS.has(key)) options[key] = value;
  }
  return {
    config: result.data,
    options,
    warnings: unknownKeyWarnings(raw as Record<string, unknown>, document, lineCounter, source),
  };
}

function unknownKeyWarnings(
  raw: Record<string, unknown>,
  document: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  source: string,
): MappingWarning[] {
  const warnings: MappingWarning[] = [];
  const check = (value: unknown, known: readonly string[], path: (string | number)[]) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const keyPath = [...path, key];
      const node = nearestNode(document, keyPath);
      const position = node === undefined ? undefined : lineCounter.linePos(node);
      warnings.push({
        message: `unknown key "${key}" is ignored (allowed here: ${known.join(", ")})`,
        where: {
          source,
          path: formatPath(keyPath),
          ...(position ? { line: position.line, column: position.col } : {}),
        },
      });
    }
  };
  const resources = Array.isArray(raw.resources) ? raw.resources : [];
  for (const [index, resource] of resources.entries()) {
    const base = ["resources", index];
    check(resource, KNOWN_KEYS.resource, base);
    const port = (resource as { port?: unknown }).port;
    check(port, KNOWN_KEYS.port, [...base, "port"]);
    const entity = (port as { entity?: unknown } | undefined)?.entity;
    check(entity, KNOWN_KEYS.entity, [...base, "port", "entity"]);
    check((entity as { mappings?: unknown } | undefined)?.mappings, KNOWN_KEYS.mappings, [
      ...base,
      "port",
      "entity",
      "mappings",
    ]);
  }
  return warnings;
}

/** `resources[3].selector.states` — the path as a user reads it. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = "";
  for (const segment of path) {
    text += typeof segment === "number" ? `[${segment}]` : text ? `.${segment}` : segment;
  }
  return text;
}

/** Offset of the deepest YAML node that exists along `path` (the issue may name a missing key). */
function nearestNode(
  document: ReturnType<typeof parseDocument>,
  path: (string | number)[],
): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (node && typeof node === "object" && "range" in node && Array.isArray(node.range))
      return node.range[0];
  }
  return undefined;
}

function hintFor(path: readonly (string | number)[]): string {
  const last = path[path.length - 1];
  if (last === "query")
    return "Every selector needs `query`, a jq boolean expression; use query: 'true' to take every object.";
  if (last === "mappings" || last === "identifier" || last === "blueprint")
    return "Every resource needs port.entity.mappings with at least identifier and blueprint (jq expressions, e.g. blueprint: '\"githubRepository\"').";
  if (last === "entityDeletionThreshold")
    return "entityDeletionThreshold is a number from 0 to 1 (default 0.9).";
  return "Compare with the default mapping (portolan's default port-app-config) and Ocean's mapping format.";
}
