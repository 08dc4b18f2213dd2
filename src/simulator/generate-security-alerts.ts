import type { Random } from "./random.js";
import type { AccountRecord } from "./state/account.js";
import type { RepositoryRecord } from "./state/repository.js";
import type {
  AdvisorySeverity,
  CodeScanningAlertRecord,
  DependabotAlertRecord,
  DependabotEcosystem,
  SecretScanningAlertRecord,
} from "./state/security-alert.js";
import { formatGitHubTime } from "./state/simulator-clock.js";
import type { SimulatorState } from "./state/simulator-state.js";

const DAY_MS = 86_400_000;
const SEVERITIES: AdvisorySeverity[] = ["low", "medium", "high", "critical"];
const ECOSYSTEMS: Array<[DependabotEcosystem, string, string]> = [
  ["npm", "lodash", "package-lock.json"],
  ["pip", "requests", "requirements.txt"],
  ["maven", "com.fasterxml.jackson.core:jackson-databind", "pom.xml"],
  ["go", "golang.org/x/net", "go.mod"],
  ["rubygems", "nokogiri", "Gemfile.lock"],
  ["nuget", "Newtonsoft.Json", "packages.lock.json"],
  ["composer", "guzzlehttp/guzzle", "composer.lock"],
  ["rust", "tokio", "Cargo.lock"],
  ["pub", "http", "pubspec.lock"],
];
const DEPENDABOT_STATES: DependabotAlertRecord["state"][] = [
  "open",
  "dismissed",
  "fixed",
  "auto_dismissed",
  "open",
];
const RULES: Array<[string, string, CodeScanningAlertRecord["ruleSeverity"], AdvisorySeverity | null]> = [
  ["js/sql-injection", "Database query built from user-controlled sources", "error", "critical"],
  ["js/xss", "Client-side cross-site scripting", "error", "high"],
  ["js/insecure-randomness", "Insecure randomness", "warning", "medium"],
  ["js/log-injection", "Log injection", "warning", "low"],
  ["js/unused-local-variable", "Unused variable, import, function or class", "note", null],
  ["js/useless-assignment-to-local", "Useless assignment to local variable", "warning", null],
  ["js/missing-token-validation", "Missing CSRF middleware", "error", null],
];
const CODE_STATES: CodeScanningAlertRecord["state"][] = ["open", "dismissed", "fixed", "open"];
const SECRETS: Array<[string, string, string]> = [
  ["github_personal_access_token", "GitHub Personal Access Token", "ghp_"],
  ["aws_access_key_id", "Amazon AWS Access Key ID", "AKIA"],
  ["slack_incoming_webhook_url", "Slack Incoming Webhook URL", "https://hooks.slack.com/services/"],
];

/** The i-th value of a list, round and round: every value appears once the list has gone by. */
function cycle<T>(items: readonly T[], i: number): T {
  return items[i % items.length] as T;
}

/**
 * Dependabot, code scanning and secret scanning alerts on the organization's repositories: each feature
 * on for some repositories only (the others answer "disabled"), and across the organization every state,
 * severity and ecosystem the selectors filter on. Seeded from its own fork, dated from the epoch.
 */
export function generateSecurityAlerts(
  state: SimulatorState,
  random: Random,
  organization: AccountRecord,
): void {
  const draws = random.fork("security-alerts");
  const counters: AlertCounters = { dependabot: 0, code: 0, secret: 0 };
  const repositories = state.repositoriesOwnedBy(organization.id).filter((repo) => !repo.archived);
  repositories.forEach((repository, index) => {
    generateAlertsOf(state, draws, repository, index, counters);
  });
}

/**
 * Where each kind's cycle of states, severities, ecosystems and secret types stands: shared across an
 * eagerly generated organization; a lazily generated repository starts from its index instead.
 */
export interface AlertCounters {
  dependabot: number;
  code: number;
  secret: number;
}

/** The counters a lazily generated repository starts from: every value comes round across repositories. */
export function alertCountersFor(index: number): AlertCounters {
  return { dependabot: index * 3, code: index * 3, secret: index };
}

/**
 * One repository's alerts: which features are on comes from its index (dependabot on 4 in 5,
 * code scanning 1 in 3, secret scanning 1 in 2); values follow `counters`.
 */
export function generateAlertsOf(
  state: SimulatorState,
  draws: Random,
  repository: RepositoryRecord,
  index: number,
  counters: AlertCounters,
): void {
  const at = (msBeforeEpoch: number): string => formatGitHubTime(new Date(state.epochMs - msBeforeEpoch));
  // Alerts people closed name who did; taken round the members so that no draw shifts the seed's data.
  const members = [...state.getAccount(repository.ownerId).members.keys()];
  const closer = (i: number, closedByPerson: boolean): number | null =>
    closedByPerson && members.length > 0 ? cycle(members, i) : null;
  const dates = () => {
    const created = draws.int(2, 400) * DAY_MS;
    return { created, updated: draws.int(0, created), closed: draws.int(0, created) };
  };
  /**
   * A Dependabot or code scanning alert's times, who closed it and, dismissed, why (one of `reasons`):
   * drawn last, after the alert's own values, as the seed's data has always been drawn.
   */
  const closing = <Reason>(
    i: number,
    alertState: string,
    when: ReturnType<typeof dates>,
    reasons: readonly Reason[],
  ) => ({
    createdAt: at(when.created),
    updatedAt: at(when.updated),
    closedAt: alertState === "open" ? null : at(when.closed),
    closedById: closer(i, alertState === "dismissed"),
    dismissedReason: alertState === "dismissed" ? draws.pick(reasons) : null,
  });
  if (index % 5 !== 4) {
    state.enableAlerts("dependabot", repository.id);
    for (let n = 0; n < draws.int(index < 3 ? 3 : 0, 4); n += 1) {
      const i = counters.dependabot++;
      const [ecosystem, packageName, manifestPath] = cycle(ECOSYSTEMS, i);
      const alertState = cycle(DEPENDABOT_STATES, i);
      const when = dates();
      const ghsa = `GHSA-${draws.hex(4)}-${draws.hex(4)}-${draws.hex(4)}`;
      state.addAlert({
        kind: "dependabot",
        repositoryId: repository.id,
        number: state.nextAlertNumber("dependabot", repository.id),
        state: alertState,
        ecosystem,
        packageName,
        manifestPath,
        severity: cycle(SEVERITIES, i),
        ghsaId: ghsa,
        cveId: draws.chance(0.7) ? `CVE-20${draws.int(19, 25)}-${draws.int(1000, 49999)}` : null,
        summary: `${packageName} vulnerable to ${draws.pick(["prototype pollution", "denial of service", "path traversal", "request smuggling"])}`,
        vulnerableRange: "< 4.17.21",
        patchedVersion: draws.chance(0.8) ? "4.17.21" : null,
        ...closing(i, alertState, when, ["tolerable_risk", "inaccurate", "not_used"] as const),
      });
    }
  }
  if (index % 3 === 0) {
    state.enableAlerts("code-scanning", repository.id);
    for (let n = 0; n < draws.int(1, 4); n += 1) {
      const i = counters.code++;
      const [ruleId, ruleDescription, ruleSeverity, securitySeverity] = cycle(RULES, i);
      const alertState = cycle(CODE_STATES, i);
      const when = dates();
      state.addAlert({
        kind: "code-scanning",
        repositoryId: repository.id,
        number: state.nextAlertNumber("code-scanning", repository.id),
        state: alertState,
        ruleId,
        ruleDescription,
        ruleSeverity,
        securitySeverity,
        toolName: "CodeQL",
        ref: `refs/heads/${repository.defaultBranch}`,
        path: draws.pick(["src/server.js", "src/db/query.js", "lib/render.js", "scripts/build.js"]),
        startLine: draws.int(1, 400),
        commitSha: draws.hex(40),
        ...closing(i, alertState, when, ["false positive", "won't fix", "used in tests"] as const),
      });
    }
  }
  if (index % 2 === 0) {
    state.enableAlerts("secret-scanning", repository.id);
    for (let n = 0; n < draws.int(0, 2); n += 1) {
      const i = counters.secret++;
      const [secretType, displayName, prefix] = cycle(SECRETS, i);
      const resolved = i % 3 === 2;
      const when = dates();
      const alert: SecretScanningAlertRecord = {
        kind: "secret-scanning",
        repositoryId: repository.id,
        number: state.nextAlertNumber("secret-scanning", repository.id),
        state: resolved ? "resolved" : "open",
        secretType,
        secretTypeDisplayName: displayName,
        secret: `${prefix}${draws.hex(32)}`,
        resolution: resolved ? draws.pick(["revoked", "false_positive", "used_in_tests"] as const) : null,
        validity: draws.pick(["active", "inactive", "unknown"] as const),
        publiclyLeaked: draws.chance(0.2),
        createdAt: at(when.created),
        updatedAt: at(when.updated),
        resolvedAt: resolved ? at(when.closed) : null,
        closedById: closer(i, resolved),
      };
      state.addAlert(alert);
    }
  }
}
