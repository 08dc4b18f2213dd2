import type { ApiUrls } from "../shapes/api-urls.js";
import { renderCodeScanningAlert } from "../shapes/render-code-scanning-alert.js";
import { renderDependabotAlert } from "../shapes/render-dependabot-alert.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderWebhookRepository } from "../shapes/render-repository.js";
import { renderSecretScanningAlert } from "../shapes/render-secret-scanning-alert.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
import type { SecurityAlertRecord } from "../state/security-alert.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { GITHUB_ACCOUNT } from "./github-account.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/**
 * Actions GitHub takes itself, whose `sender` is GitHub's own account: it opens, fixes and re-opens
 * Dependabot alerts, an analysis opens, fixes and re-opens code scanning alerts, and it checks secrets.
 */
const BY_GITHUB: Record<SecurityAlertRecord["kind"], ReadonlySet<string>> = {
  dependabot: new Set(["created", "fixed", "reintroduced", "auto_dismissed", "auto_reopened"]),
  "code-scanning": new Set(["created", "fixed", "reopened", "appeared_in_branch"]),
  "secret-scanning": new Set(["validated", "publicly_leaked"]),
};

const EVENT_NAMES = {
  dependabot: "dependabot_alert",
  "code-scanning": "code_scanning_alert",
  "secret-scanning": "secret_scanning_alert",
} as const;

/**
 * A `dependabot_alert`, `code_scanning_alert` or `secret_scanning_alert` event: `alert` (as it is after
 * the change), `repository`, `organization`, `sender`; code scanning adds `ref` and `commit_oid` and
 * sends the older alert shape its webhook schema has (with `instances`, without `category` and the
 * security severity); Dependabot's `dependency` has no `relationship` there; secret scanning never sends
 * the secret.
 */
export function securityAlertEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: { action: string; alert: SecurityAlertRecord; sender: AccountRecord },
): WebhookEvent {
  const { alert } = input;
  const repository = state.getRepository(alert.repositoryId);
  if (!repository) throw new Error(`simulator state has no repository ${alert.repositoryId}`);
  const owner = state.getAccount(repository.ownerId);
  const fullName = `${owner.login}/${repository.name}`;
  let rendered: Record<string, unknown>;
  let extra: Record<string, unknown> = {};
  if (alert.kind === "dependabot") {
    const full = renderDependabotAlert(alert, fullName, state, urls);
    const { relationship: _relationship, ...dependency } = full.dependency;
    rendered = { ...full, dependency };
  } else if (alert.kind === "secret-scanning") {
    rendered = renderSecretScanningAlert(alert, fullName, state, urls, { hideSecret: true });
  } else {
    const full = renderCodeScanningAlert(alert, fullName, state, urls);
    const { id, severity, description, name } = full.rule;
    const { category: _category, ...instance } = full.most_recent_instance;
    rendered = {
      number: full.number,
      created_at: full.created_at,
      url: full.url,
      html_url: full.html_url,
      instances: [instance],
      most_recent_instance: instance,
      state: alert.state === "dismissed" ? "dismissed" : full.state,
      dismissed_by: full.dismissed_by,
      dismissed_at: full.dismissed_at,
      dismissed_reason: full.dismissed_reason,
      // The webhook's rule carries no tags or help (GitHub sends null), unlike the REST alert's.
      rule: { id, severity, description, name, tags: null, help: null },
      tool: { name: full.tool.name, version: full.tool.version, guid: full.tool.guid },
    };
    extra = { ref: alert.ref, commit_oid: alert.commitSha };
  }
  return {
    name: EVENT_NAMES[alert.kind],
    action: input.action,
    payload: {
      action: input.action,
      alert: rendered,
      ...extra,
      repository: renderWebhookRepository(repository, state, urls),
      ...(owner.type === "Organization" ? { organization: renderOrganizationSimple(owner, urls) } : {}),
      // GitHub itself detects new secrets: `secret_scanning_alert` `created` has no sender.
      ...(alert.kind === "secret-scanning" && input.action === "created"
        ? {}
        : {
            sender: renderSimpleUser(
              BY_GITHUB[alert.kind].has(input.action) ? GITHUB_ACCOUNT : input.sender,
              urls,
            ),
          }),
    },
  };
}
