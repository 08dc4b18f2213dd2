/**
 * The alert processors (spec §5.3): `dependabot_alert` → `dependabot-alert`, `code_scanning_alert` →
 * `code-scanning-alerts`, `secret_scanning_alert` → `secret-scanning-alerts`. An action says which states
 * the alert can be in now; when the selector lists none of them the alert leaves the catalog (the payload
 * alert with `__repository` and `__organization`, as the resync gives them), otherwise it is re-read by
 * number and upserted. Actions outside the seed's list change nothing (Ocean crashed on Dependabot's
 * `assignees_changed`). The repository must match `repositoryType` and the selector's `repoSearch`.
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { isAlertFeatureDisabled } from "../kinds/alert-feature-disabled.js";
import { codeScanningAlertSelectorSchema } from "../kinds/code-scanning-alerts.js";
import { dependabotAlertSelectorSchema } from "../kinds/dependabot-alert.js";
import type { RepoSearch } from "../kinds/repo-search.js";
import { secretScanningAlertSelectorSchema } from "../kinds/secret-scanning-alerts.js";
import { openRepositoryScopedEvent, parsePayload, withEventRepository } from "./repository-scoped-event.js";

interface AlertProcessor {
  kind: string;
  /** action → the states the alert may be in after it. */
  states: Record<string, readonly string[]>;
  /** Whether the selector keeps an alert in one of these states (`null`: the selector keeps every state). */
  keeps(selector: unknown, states: readonly string[]): boolean;
  /** Filters the selector applies besides the state; false ⇒ the alert was never this resource's. */
  matches(selector: unknown, alert: RawObject): boolean;
  route: string;
  params(selector: unknown): Record<string, string | boolean>;
  what: string;
}

const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : undefined);
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], value);

const processors: Record<string, AlertProcessor> = {
  dependabot_alert: {
    kind: "dependabot-alert",
    states: {
      created: ["open"],
      reopened: ["open"],
      auto_reopened: ["open"],
      reintroduced: ["open"],
      dismissed: ["dismissed"],
      auto_dismissed: ["auto_dismissed"],
      fixed: ["fixed"],
    },
    keeps: (selector, states) => {
      const wanted = dependabotAlertSelectorSchema.parse(selector).states;
      return wanted === null || states.some((state) => wanted.includes(state as never));
    },
    matches: (selector, alert) => {
      const { severity, ecosystems } = dependabotAlertSelectorSchema.parse(selector);
      const alertSeverity = lower(
        at(alert, "security_advisory", "severity") ?? at(alert, "security_vulnerability", "severity"),
      );
      const ecosystem = lower(at(alert, "dependency", "package", "ecosystem"));
      return (
        (!severity || severity.some((value) => value === alertSeverity)) &&
        (!ecosystems || ecosystems.some((value) => value === ecosystem))
      );
    },
    route: "GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}",
    params: () => ({}),
    what: "Dependabot alert",
  },
  code_scanning_alert: {
    kind: "code-scanning-alerts",
    // `closed` is the selector's word for dismissed or fixed (Ocean: closed_by_user → [closed] only, so a
    // `dismissed` selector kept an alert a user had just dismissed... and then deleted it).
    states: {
      created: ["open"],
      appeared_in_branch: ["open"],
      reopened: ["open"],
      fixed: ["fixed", "closed"],
      closed_by_user: ["dismissed", "closed"],
    },
    keeps: (selector, states) => states.includes(codeScanningAlertSelectorSchema.parse(selector).state),
    matches: (selector, alert) => {
      const { severity } = codeScanningAlertSelectorSchema.parse(selector);
      return (
        severity === null ||
        lower(at(alert, "rule", "security_severity_level")) === severity ||
        lower(at(alert, "rule", "severity")) === severity
      );
    },
    route: "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
    params: () => ({}),
    what: "code scanning alert",
  },
  secret_scanning_alert: {
    kind: "secret-scanning-alerts",
    states: {
      created: ["open"],
      publicly_leaked: ["open"],
      reopened: ["open"],
      validated: ["open"],
      resolved: ["resolved"],
    },
    keeps: (selector, states) => {
      const { state } = secretScanningAlertSelectorSchema.parse(selector);
      return state === "all" || states.includes(state);
    },
    matches: () => true,
    route: "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}",
    params: (selector) => ({ hide_secret: secretScanningAlertSelectorSchema.parse(selector).hideSecret }),
    what: "secret scanning alert",
  },
};

/** Event name → the kind its processor feeds. */
export const securityAlertEventKinds: Record<string, string> = Object.fromEntries(
  Object.entries(processors).map(([event, processor]) => [event, processor.kind]),
);

const payloadSchema = z.looseObject({ alert: z.looseObject({ number: z.number().int().positive() }) });

export async function handleSecurityAlertEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const processor = processors[event.name];
  if (!processor || processor.kind !== resource.kind) return null;
  const states = processor.states[String(event.payload.action)];
  if (!states) return null;
  const { alert } = parsePayload(event, payloadSchema);
  const selector = resource.selector as { repoSearch: RepoSearch };
  const scoped = await openRepositoryScopedEvent(context, event, resource, selector.repoSearch);
  if (scoped === undefined) return null;

  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const payloadAlert = withEventRepository(alert, scoped);
  if (!processor.keeps(resource.selector, states)) {
    if (processor.matches(resource.selector, alert)) changes.deleted.push(payloadAlert);
    return changes;
  }
  let fresh: RawObject | null;
  try {
    fresh = await scoped.client.getOrNull<RawObject>(
      processor.route,
      {
        owner: scoped.owner,
        repo: scoped.name,
        alert_number: alert.number,
        ...processor.params(resource.selector),
      },
      {
        purpose: `re-reading ${processor.what} #${alert.number} of ${scoped.owner}/${scoped.name} for webhook delivery ${event.deliveryId}`,
      },
    );
  } catch (error) {
    // The feature was turned off since the delivery: the repository has no alerts any more.
    if (!isAlertFeatureDisabled(error)) throw error;
    fresh = null;
  }
  if (fresh === null) {
    changes.deleted.push(payloadAlert);
    return changes;
  }
  if (processor.matches(resource.selector, fresh)) changes.upserted.push(withEventRepository(fresh, scoped));
  return changes;
}
