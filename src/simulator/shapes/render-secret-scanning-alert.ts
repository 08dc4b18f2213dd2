import type { components } from "@octokit/openapi-types";
import type { SecretScanningAlertRecord } from "../state/security-alert.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type SecretScanningAlert = components["schemas"]["secret-scanning-alert"];

/**
 * `secret-scanning-alert`: `GET /repos/{o}/{r}/secret-scanning/alerts[/{n}]`; `hide_secret=true` leaves
 * the `secret` out, as on GitHub.
 */
export function renderSecretScanningAlert(
  alert: SecretScanningAlertRecord,
  fullName: string,
  state: SimulatorState,
  urls: ApiUrls,
  options: { hideSecret: boolean },
): SecretScanningAlert {
  const url = `${urls.api}/repos/${fullName}/secret-scanning/alerts/${alert.number}`;
  return {
    number: alert.number,
    created_at: alert.createdAt,
    updated_at: alert.updatedAt,
    url,
    html_url: `${urls.web}/${fullName}/security/secret-scanning/${alert.number}`,
    locations_url: `${url}/locations`,
    state: alert.state,
    resolution: alert.resolution,
    resolved_at: alert.resolvedAt,
    resolved_by:
      alert.closedById === null ? null : renderSimpleUser(state.getAccount(alert.closedById), urls),
    resolution_comment: null,
    secret_type: alert.secretType,
    secret_type_display_name: alert.secretTypeDisplayName,
    ...(options.hideSecret ? {} : { secret: alert.secret }),
    push_protection_bypassed: false,
    push_protection_bypassed_by: null,
    push_protection_bypassed_at: null,
    validity: alert.validity,
    publicly_leaked: alert.publiclyLeaked,
    multi_repo: false,
    is_base64_encoded: false,
  };
}
