import type { components } from "@octokit/openapi-types";
import type { DependabotAlertRecord } from "../state/security-alert.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type DependabotAlert = components["schemas"]["dependabot-alert"];

/** `dependabot-alert`: `GET /repos/{o}/{r}/dependabot/alerts[/{n}]` and the `dependabot_alert` webhook's `alert`. */
export function renderDependabotAlert(
  alert: DependabotAlertRecord,
  fullName: string,
  state: SimulatorState,
  urls: ApiUrls,
): DependabotAlert {
  const pkg = { ecosystem: alert.ecosystem, name: alert.packageName };
  const vulnerability = {
    package: pkg,
    severity: alert.severity,
    vulnerable_version_range: alert.vulnerableRange,
    first_patched_version: alert.patchedVersion === null ? null : { identifier: alert.patchedVersion },
  };
  const closed = (state: DependabotAlertRecord["state"]) => (alert.state === state ? alert.closedAt : null);
  return {
    number: alert.number,
    state: alert.state,
    dependency: { package: pkg, manifest_path: alert.manifestPath, scope: "runtime", relationship: "direct" },
    security_advisory: {
      ghsa_id: alert.ghsaId,
      cve_id: alert.cveId,
      summary: alert.summary,
      description: `${alert.summary}. Upgrade ${alert.packageName} to a patched version.`,
      vulnerabilities: [vulnerability],
      severity: alert.severity,
      cvss: { vector_string: null, score: 0 },
      cwes: [],
      identifiers: [
        { type: "GHSA", value: alert.ghsaId },
        ...(alert.cveId === null ? [] : [{ type: "CVE" as const, value: alert.cveId }]),
      ],
      references: [{ url: `https://github.com/advisories/${alert.ghsaId}` }],
      published_at: alert.createdAt,
      updated_at: alert.createdAt,
      withdrawn_at: null,
    },
    security_vulnerability: vulnerability,
    url: `${urls.api}/repos/${fullName}/dependabot/alerts/${alert.number}`,
    html_url: `${urls.web}/${fullName}/security/dependabot/${alert.number}`,
    created_at: alert.createdAt,
    updated_at: alert.updatedAt,
    dismissed_at: closed("dismissed"),
    dismissed_by:
      alert.closedById === null ? null : renderSimpleUser(state.getAccount(alert.closedById), urls),
    dismissed_reason: alert.state === "dismissed" ? alert.dismissedReason : null,
    dismissed_comment: null,
    fixed_at: closed("fixed"),
    auto_dismissed_at: closed("auto_dismissed"),
  };
}
