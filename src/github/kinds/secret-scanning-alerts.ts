/**
 * Kind `secret-scanning-alerts` (spec §4.17): `GET /repos/{o}/{r}/secret-scanning/alerts?state=&hide_secret=`
 * of every repository (`state: all` sends no state), with `__repository` and `__organization`. A
 * repository with secret scanning disabled has none.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { listRepositoryAlerts } from "./list-repository-alerts.js";
import { repoSearchSchema } from "./repo-search.js";

export const secretScanningStates = ["open", "resolved", "all"] as const;

/** Ocean ignores unknown keys of this selector. */
export const secretScanningAlertSelectorSchema = z.object({
  repoSearch: repoSearchSchema,
  state: z
    .enum(secretScanningStates)
    .nullish()
    .transform((value) => value ?? "open"),
  /** Sent as `hide_secret`: the secret's text stays out of the catalog unless asked for. */
  hideSecret: z
    .boolean()
    .nullish()
    .transform((value) => value ?? true),
});

export type SecretScanningAlertSelector = z.output<typeof secretScanningAlertSelectorSchema>;

export function secretScanningAlertParams(
  selector: SecretScanningAlertSelector,
): Record<string, string | boolean> {
  return selector.state === "all"
    ? { hide_secret: selector.hideSecret }
    : { state: selector.state, hide_secret: selector.hideSecret };
}

export function createSecretScanningAlertsKind(
  context: GitHubContext,
): IntegrationKind<SecretScanningAlertSelector> {
  return {
    name: "secret-scanning-alerts",
    selectorSchema: secretScanningAlertSelectorSchema,
    list(request: KindListRequest<SecretScanningAlertSelector>): AsyncIterable<RawObject[]> {
      return listRepositoryAlerts(context, request, {
        kind: "secret-scanning-alerts",
        route: "GET /repos/{owner}/{repo}/secret-scanning/alerts",
        what: "secret scanning alerts",
        params: secretScanningAlertParams(request.selector),
        incremental: false,
      });
    },
  };
}
