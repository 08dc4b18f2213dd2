/**
 * Kind `code-scanning-alerts` (spec §4.16): `GET /repos/{o}/{r}/code-scanning/alerts?state=&severity=` of
 * every repository, with `__repository` and `__organization`. A repository without code scanning has none.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { listRepositoryAlerts } from "./list-repository-alerts.js";
import { repoSearchSchema } from "./repo-search.js";

export const codeScanningStates = ["open", "closed", "dismissed", "fixed"] as const;
export const codeScanningSeverities = [
  "critical",
  "high",
  "medium",
  "low",
  "warning",
  "note",
  "error",
] as const;

/** Ocean ignores unknown keys of this selector. */
export const codeScanningAlertSelectorSchema = z.object({
  repoSearch: repoSearchSchema,
  state: z
    .enum(codeScanningStates)
    .nullish()
    .transform((value) => value ?? "open"),
  severity: z
    .enum(codeScanningSeverities)
    .nullish()
    .transform((value) => value ?? null),
});

export type CodeScanningAlertSelector = z.output<typeof codeScanningAlertSelectorSchema>;

export function createCodeScanningAlertsKind(
  context: GitHubContext,
): IntegrationKind<CodeScanningAlertSelector> {
  return {
    name: "code-scanning-alerts",
    // Incremental: newest updated first (`sort=updated&direction=desc`) down to the cursor.
    incremental: true,
    selectorSchema: codeScanningAlertSelectorSchema,
    list(request: KindListRequest<CodeScanningAlertSelector>): AsyncIterable<RawObject[]> {
      const { state, severity } = request.selector;
      return listRepositoryAlerts(context, request, {
        kind: "code-scanning-alerts",
        route: "GET /repos/{owner}/{repo}/code-scanning/alerts",
        what: "code scanning alerts",
        params: severity === null ? { state } : { state, severity },
        incremental: true,
      });
    },
  };
}
