/**
 * Kind `code-scanning-alerts` (spec §4.16): `GET /repos/{o}/{r}/code-scanning/alerts?state=&severity=` of
 * every repository, with `__repository` and `__organization`. A repository without code scanning has none.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import { alertPages } from "./alert-feature-disabled.js";
import { cutOffBefore, NEWEST_UPDATED_FIRST } from "./incremental-cutoff.js";
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
      const params = severity === null ? { state } : { state, severity };
      return acrossRepositories(
        context,
        {
          kind: "code-scanning-alerts",
          mappingOptions: request.mappingOptions,
          repoSearch: request.selector.repoSearch,
          signal: request.signal,
        },
        async function* (target) {
          const pages = alertPages(
            target.client.pages<RawObject>(
              "GET /repos/{owner}/{repo}/code-scanning/alerts",
              {
                owner: target.owner,
                repo: target.name,
                ...params,
                ...(request.since ? NEWEST_UPDATED_FIRST : {}),
              },
              { purpose: `listing code scanning alerts of ${target.owner}/${target.name}`, ...target.scope },
            ),
          );
          for await (const page of cutOffBefore(pages, "updated_at", request.since)) {
            yield page.map((item) => withRepository(item, target));
          }
        },
      );
    },
  };
}
