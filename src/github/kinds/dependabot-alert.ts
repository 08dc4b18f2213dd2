/**
 * Kind `dependabot-alert` (spec §4.15): `GET /repos/{o}/{r}/dependabot/alerts` of every repository with the
 * selector's `states`, `severity` and `ecosystems` as comma lists, with `__repository` and `__organization`.
 * A repository with Dependabot alerts disabled has none.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { listRepositoryAlerts } from "./list-repository-alerts.js";
import { repoSearchSchema } from "./repo-search.js";

export const dependabotStates = ["auto_dismissed", "dismissed", "fixed", "open"] as const;
export const dependabotSeverities = ["low", "medium", "high", "critical"] as const;
export const dependabotEcosystems = [
  "composer",
  "go",
  "maven",
  "npm",
  "nuget",
  "pip",
  "pub",
  "rubygems",
  "rust",
] as const;

const listOf = <T extends readonly [string, ...string[]]>(values: T, fallback: Array<T[number]> | null) =>
  z
    .array(z.enum(values))
    .nullish()
    .transform((value) => value ?? fallback);

/** Ocean ignores unknown keys of this selector. */
export const dependabotAlertSelectorSchema = z.object({
  repoSearch: repoSearchSchema,
  states: listOf(dependabotStates, ["open"]),
  severity: listOf(dependabotSeverities, null),
  ecosystems: listOf(dependabotEcosystems, null),
});

export type DependabotAlertSelector = z.output<typeof dependabotAlertSelectorSchema>;

/** The listing's filters; empty lists are left out (GitHub reads an empty value as "no filter"). */
export function dependabotAlertParams(selector: DependabotAlertSelector): Record<string, string> {
  const params: Record<string, string> = {};
  if (selector.states && selector.states.length > 0) params.state = selector.states.join(",");
  if (selector.severity && selector.severity.length > 0) params.severity = selector.severity.join(",");
  if (selector.ecosystems && selector.ecosystems.length > 0) params.ecosystem = selector.ecosystems.join(",");
  return params;
}

export function createDependabotAlertKind(context: GitHubContext): IntegrationKind<DependabotAlertSelector> {
  return {
    name: "dependabot-alert",
    // Incremental: newest updated first (`sort=updated&direction=desc`) down to the cursor.
    incremental: true,
    selectorSchema: dependabotAlertSelectorSchema,
    list(request: KindListRequest<DependabotAlertSelector>): AsyncIterable<RawObject[]> {
      return listRepositoryAlerts(context, request, {
        kind: "dependabot-alert",
        route: "GET /repos/{owner}/{repo}/dependabot/alerts",
        what: "Dependabot alerts",
        params: dependabotAlertParams(request.selector),
        incremental: true,
      });
    },
  };
}
