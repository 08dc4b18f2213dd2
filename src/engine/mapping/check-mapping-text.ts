import { isPortolanError } from "../errors/portolan-error.js";
import type { Integration } from "../integration/integration.js";
import { type BoundMapping, bindMapping } from "./bind-mapping.js";
import type { CompiledTree } from "./compile-resource-mapping.js";
import { formatPath, type ParsedPortAppConfig, parsePortAppConfig } from "./parse-port-app-config.js";

/** One finding about a mapping text, placed where the editor shows it. */
export interface MappingProblem {
  severity: "error" | "warning";
  code: string;
  message: string;
  hint?: string;
  path?: string;
  line?: number;
  column?: number;
}

export interface MappingCheck {
  /** Set when the text is usable: no error, only warnings. */
  mapping?: BoundMapping;
  problems: MappingProblem[];
}

/**
 * Runs the real parser and binding over a mapping text and reports what they find, instead of
 * throwing: the first error (parsing stops there), the unknown-key warnings, and every jq leaf that
 * does not compile — Ocean lets those give null at run time, so they are warnings, at their line.
 */
export function checkMappingText(text: string, integration: Integration, source = "mapping"): MappingCheck {
  let parsed: ParsedPortAppConfig;
  let mapping: BoundMapping;
  try {
    parsed = parsePortAppConfig(text, source);
    mapping = bindMapping(parsed, integration, source);
  } catch (error) {
    if (!isPortolanError(error)) throw error;
    return {
      problems: [
        {
          severity: "error",
          code: error.code,
          message: error.message,
          ...(error.hint === undefined ? {} : { hint: error.hint }),
          ...(error.where?.path === undefined ? {} : { path: error.where.path }),
          ...(error.where?.line === undefined ? {} : { line: error.where.line }),
          ...(error.where?.column === undefined ? {} : { column: error.where.column }),
        },
      ],
    };
  }
  const problems: MappingProblem[] = parsed.warnings.map((warning) => ({
    severity: "warning",
    code: "MAPPING_UNKNOWN_KEY",
    message: warning.message,
    ...warning.where,
  }));
  for (const resource of mapping.resources) {
    const base = ["resources", resource.index] as const;
    const leaves: Array<{ path: (string | number)[]; error: string }> = [];
    if (resource.mapping.selector.compileError !== undefined) {
      leaves.push({ path: [...base, "selector", "query"], error: resource.mapping.selector.compileError });
    }
    for (const [key, tree] of resource.mapping.entity) {
      collectCompileErrors(tree, [...base, "port", "entity", "mappings", key], leaves);
    }
    for (const leaf of leaves) {
      problems.push({
        severity: "warning",
        code: "JQ_COMPILE",
        message: `${leaf.error}; this field will be null`,
        path: formatPath(leaf.path),
        ...parsed.positionOf?.(leaf.path),
      });
    }
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { mapping, problems };
}

function collectCompileErrors(
  tree: CompiledTree,
  path: (string | number)[],
  found: Array<{ path: (string | number)[]; error: string }>,
): void {
  switch (tree.type) {
    case "expression":
      if (tree.expression.compileError !== undefined)
        found.push({ path, error: tree.expression.compileError });
      return;
    case "array":
      for (const [index, item] of tree.items.entries()) collectCompileErrors(item, [...path, index], found);
      return;
    case "object":
      for (const [key, child] of tree.entries) collectCompileErrors(child, [...path, key], found);
  }
}
