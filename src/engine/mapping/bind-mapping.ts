import type { z } from "zod";
import { PortolanError } from "../errors/portolan-error.js";
import type { Integration, IntegrationKind, MappingOptions } from "../integration/integration.js";
import { type CompiledResourceMapping, compileResourceMapping } from "./compile-resource-mapping.js";
import { formatPath, type ParsedPortAppConfig } from "./parse-port-app-config.js";
import type { PortAppConfig } from "./port-app-config-schema.js";

/** One resource of the mapping, checked against the integration and compiled: ready to sync. */
export interface BoundResource {
  readonly index: number;
  readonly kind: IntegrationKind;
  /** The selector parsed by the kind's own schema (its defaults applied). */
  readonly selector: unknown;
  readonly mapping: CompiledResourceMapping;
}

export interface BoundMapping {
  readonly config: PortAppConfig;
  readonly options: MappingOptions;
  readonly resources: readonly BoundResource[];
}

/**
 * Checks every resource against the integration once: the kind exists and its selector keys are
 * valid. Errors name the path (`resources[2].selector.includedFiles`) and what is allowed.
 */
export function bindMapping(
  parsed: ParsedPortAppConfig,
  integration: Integration,
  source = "mapping",
): BoundMapping {
  const kinds = new Map(integration.kinds.map((kind) => [kind.name, kind]));
  const resources = parsed.config.resources.map((resource, index): BoundResource => {
    const kind = kinds.get(resource.kind);
    if (!kind) {
      throw new PortolanError("MAPPING_UNKNOWN_KIND", `unknown kind "${resource.kind}"`, {
        where: { source, path: `resources[${index}].kind` },
        hint: `Supported kinds: ${[...kinds.keys()].join(", ")}.`,
      });
    }
    const parsedSelector = kind.selectorSchema.safeParse(resource.selector);
    if (!parsedSelector.success) {
      const issue = parsedSelector.error.issues[0] as z.core.$ZodIssue;
      const path = formatPath(["resources", index, "selector", ...(issue.path as (string | number)[])]);
      throw new PortolanError("MAPPING_INVALID_SELECTOR", issue.message, {
        where: { source, path },
        hint: `Check the selector keys of kind "${resource.kind}" against the integration's documentation.`,
      });
    }
    return { index, kind, selector: parsedSelector.data, mapping: compileResourceMapping(resource, index) };
  });
  return { config: parsed.config, options: parsed.options, resources };
}
