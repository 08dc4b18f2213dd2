import type { components } from "@octokit/openapi-types";
import type { CodeScanningAlertRecord } from "../state/security-alert.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type CodeScanningAlert = components["schemas"]["code-scanning-alert-items"];

/** `code-scanning-alert-items`: `GET /repos/{o}/{r}/code-scanning/alerts[/{n}]` (CodeQL results). */
export function renderCodeScanningAlert(
  alert: CodeScanningAlertRecord,
  fullName: string,
  state: SimulatorState,
  urls: ApiUrls,
): CodeScanningAlert {
  const url = `${urls.api}/repos/${fullName}/code-scanning/alerts/${alert.number}`;
  return {
    number: alert.number,
    created_at: alert.createdAt,
    updated_at: alert.updatedAt,
    url,
    html_url: `${urls.web}/${fullName}/security/code-scanning/${alert.number}`,
    instances_url: `${url}/instances`,
    state: alert.state,
    fixed_at: alert.state === "fixed" ? alert.closedAt : null,
    dismissed_by:
      alert.closedById === null ? null : renderSimpleUser(state.getAccount(alert.closedById), urls),
    dismissed_at: alert.state === "dismissed" ? alert.closedAt : null,
    dismissed_reason: alert.state === "dismissed" ? alert.dismissedReason : null,
    dismissed_comment: null,
    rule: {
      id: alert.ruleId,
      severity: alert.ruleSeverity,
      description: alert.ruleDescription,
      name: alert.ruleId.split("/").pop() ?? alert.ruleId,
      tags: alert.securitySeverity === null ? ["maintainability"] : ["security"],
      security_severity_level: alert.securitySeverity,
    },
    tool: { name: alert.toolName, guid: null, version: "2.20.1" },
    most_recent_instance: {
      ref: alert.ref,
      analysis_key: ".github/workflows/codeql.yml:analyze",
      environment: "{}",
      category: ".github/workflows/codeql.yml:analyze/language:javascript",
      state: alert.state,
      commit_sha: alert.commitSha,
      message: { text: alert.ruleDescription },
      location: {
        path: alert.path,
        start_line: alert.startLine,
        end_line: alert.startLine,
        start_column: 1,
        end_column: 40,
      },
      classifications: [],
    },
  };
}
