/**
 * One row per event × action of the seed's live-event list (spec §5.3): a real payload — from
 * `@octokit/webhooks-examples` where it has the action, re-pointed at the simulator's repository and
 * objects so the processors' re-reads find them; otherwise the delivery the simulator sends for the
 * same change made through its control API — goes through Portolan's signed route, the inbox, a worker
 * and the catalog. Each row states which kinds' entities the event upserts and deletes.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import examplesModule from "@octokit/webhooks-examples";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortolanWithSettingsSource } from "../../../src/cli/settings-data-source.js";
import { startPortolan } from "../../../src/cli/start-portolan.js";
import type { Entity } from "../../../src/engine/catalog/entity.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../../src/engine/settings/settings-schema.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { withSettingsSource } from "../../support/settings-source.js";
import { controlSimulator } from "../../support/simulator-control.js";

type Payload = Record<string, unknown> & { action?: string };
type Json = Record<string, unknown>;

const examples = examplesModule as unknown as Array<{ name: string; examples: Payload[] }>;

/** The kinds mapped, each to its own blueprint; selectors are the defaults unless named. */
const KINDS: Record<string, { identifier: string; selector?: string }> = {
  repository: { identifier: ".name" },
  "pull-request": { identifier: ".id | tostring" },
  issue: { identifier: ".id | tostring", selector: "state: all" },
  release: { identifier: ".id | tostring" },
  tag: { identifier: ".name" },
  branch: { identifier: ".name" },
  environment: { identifier: ".name" },
  deployment: { identifier: ".id | tostring" },
  "deployment-status": { identifier: ".id | tostring" },
  "workflow-run": { identifier: ".id | tostring" },
  "dependabot-alert": { identifier: ".number | tostring" },
  "code-scanning-alerts": { identifier: ".number | tostring" },
  "secret-scanning-alerts": { identifier: ".number | tostring" },
  team: { identifier: ".slug // (.id | tostring)", selector: "members: true" },
  user: { identifier: ".login" },
  collaborator: { identifier: ".login" },
};
const blueprintOf = (kind: string) => `row-${kind}`;

function mappingText(): string {
  const resources = Object.entries(KINDS).map(
    ([kind, { identifier, selector }]) => `  - kind: ${kind}
    selector:
      query: 'true'${selector ? `\n      ${selector}` : ""}
    port:
      entity:
        mappings:
          identifier: '${identifier}'
          blueprint: '"${blueprintOf(kind)}"'`,
  );
  return `deleteDependentEntities: true\nresources:\n${resources.join("\n")}\n`;
}

let sim: RunningSimulator;
let portolan: PortolanWithSettingsSource;
const secret = randomBytes(16).toString("hex");
const written = { upserted: new Set<string>(), deleted: new Set<string>() };

async function api<T = Json>(path: string): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, {
    headers: { authorization: `Bearer ${sim.adminToken}` },
  });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
  return (await response.json()) as T;
}

const control = (method: string, path: string, body?: unknown) =>
  controlSimulator<Json>(sim, method, path, body);

/** A signed delivery to Portolan's endpoint, as GitHub sends it. */
async function deliver(event: string, payload: Payload): Promise<void> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${portolan.url}/integration/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  expect(response.status).toBe(202);
}

function example(
  event: string,
  action: string | undefined,
  where: (payload: Payload) => boolean = () => true,
) {
  const found = examples
    .find((entry) => entry.name === event)
    ?.examples.find((payload) => payload.action === action && where(payload));
  if (!found) throw new Error(`no example of ${event}.${action}`);
  return structuredClone(found);
}

/** A simulator object and the repository it belongs to. */
interface Found {
  repository: Json;
  item: Json;
}

/** The simulator objects the examples are re-pointed at. */
interface Targets {
  org: Json;
  pull: Found;
  issue: Found;
  release: Found;
  tag: Found;
  deployment: Found;
  status: Found;
  run: Found;
  alerts: Record<AlertKind, Found>;
  team: Json;
  /** A member of `team`, for `membership`. */
  teamMember: Json;
  /** An organization member outside `team`, for `organization` (member_removed removes them). */
  member: Json;
  collaborator: Found;
}
type AlertKind = "dependabot" | "code-scanning" | "secret-scanning";
let targets: Targets;
/** A repository made for the `repository.deleted` row. */
const DOOMED = "table-doomed";

/** The repository an event's object lives in; repository-wide events use the pull request's. */
function targetOf(event: string): Found {
  const t = targets;
  const alertKinds: Record<string, AlertKind> = {
    dependabot_alert: "dependabot",
    code_scanning_alert: "code-scanning",
    secret_scanning_alert: "secret-scanning",
  };
  const alertKind = alertKinds[event];
  if (alertKind) return t.alerts[alertKind];
  const byEvent: Record<string, Found> = {
    issues: t.issue,
    release: t.release,
    create: t.tag,
    delete: t.tag,
    deployment: t.deployment,
    deployment_status: t.status,
    workflow_run: t.run,
    member: t.collaborator,
  };
  return byEvent[event] ?? t.pull;
}

/** The example, with the repository, organization and the event's own object taken from the simulator. */
function repointed(event: string, payload: Payload): Payload {
  const t = targets;
  const merge = (key: string, values: Json) => {
    payload[key] = { ...(payload[key] as Json), ...values };
  };
  const { repository, item } = targetOf(event);
  payload.repository = repository;
  payload.organization = t.org;
  switch (event) {
    case "pull_request":
      merge("pull_request", { number: item.number, id: item.id });
      break;
    case "issues":
      merge("issue", { number: item.number, id: item.id, labels: [] });
      break;
    case "release":
      merge("release", { id: item.id, tag_name: item.tag_name });
      break;
    case "create":
    case "delete":
      payload.ref = item.name;
      break;
    case "push":
      payload.ref = `refs/heads/${repository.default_branch as string}`;
      break;
    case "deployment":
    case "deployment_status": {
      const deployment = t.deployment.item;
      merge("deployment", { id: deployment.id, environment: deployment.environment, task: deployment.task });
      if (event === "deployment_status")
        merge("deployment_status", { id: item.id, environment: deployment.environment });
      break;
    }
    case "workflow_run":
      merge("workflow_run", { id: item.id });
      break;
    case "dependabot_alert":
    case "code_scanning_alert":
    case "secret_scanning_alert":
      merge("alert", { number: item.number });
      break;
    case "organization":
      merge("membership", { user: t.member });
      break;
    case "team":
    case "membership":
      merge("team", { id: t.team.id, slug: t.team.slug, name: t.team.name, node_id: t.team.node_id });
      if (event === "membership") payload.member = t.teamMember;
      break;
    case "member":
      payload.member = item;
      break;
  }
  return payload;
}

type Source = { example: (payload: Payload) => boolean } | { simulator: () => Promise<unknown> };
interface Row {
  event: string;
  action?: string;
  source: Source;
  upserts: string[];
  deletes: string[];
}

const fromExample = (where: (payload: Payload) => boolean = () => true): Source => ({ example: where });
const fromSimulator = (change: () => Promise<unknown>): Source => ({ simulator: change });
const repoPath = (found: Found) => `/repos/${found.repository.full_name as string}`;

const rows: Row[] = [
  ...["created", "edited", "transferred", "publicized", "privatized"].map((action) => ({
    event: "repository",
    action,
    source: fromExample(),
    upserts: ["repository"],
    deletes: [],
  })),
  // Renamed: the new name is upserted and the entity of the old name deleted.
  {
    event: "repository",
    action: "renamed",
    source: fromExample(),
    upserts: ["repository"],
    deletes: ["repository"],
  },
  {
    event: "repository",
    action: "archived",
    source: fromSimulator(() => control("PATCH", repoPath(targets.pull), { archived: true })),
    upserts: ["repository"],
    deletes: [],
  },
  {
    event: "repository",
    action: "unarchived",
    source: fromSimulator(() => control("PATCH", repoPath(targets.pull), { archived: false })),
    upserts: ["repository"],
    deletes: [],
  },
  {
    event: "repository",
    action: "deleted",
    source: fromSimulator(() => control("DELETE", `/repos/${targets.org.login as string}/${DOOMED}`)),
    upserts: [],
    deletes: ["repository"],
  },
  ...["opened", "ready_for_review", "reopened", "synchronize", "unassigned", "review_request_removed"].map(
    (action) => ({
      event: "pull_request",
      action,
      source: fromExample(),
      upserts: ["pull-request"],
      deletes: [],
    }),
  ),
  {
    event: "pull_request",
    action: "edited",
    source: fromSimulator(() =>
      control("PATCH", `${repoPath(targets.pull)}/pulls/${targets.pull.item.number}`, { title: "Edited" }),
    ),
    upserts: ["pull-request"],
    deletes: [],
  },
  // Closed while the selector's states are the default ["open"].
  { event: "pull_request", action: "closed", source: fromExample(), upserts: [], deletes: ["pull-request"] },
  ...[
    "assigned",
    "demilestoned",
    "edited",
    "labeled",
    "locked",
    "milestoned",
    "opened",
    "pinned",
    "reopened",
    "unassigned",
    "unlabeled",
    "unlocked",
    "unpinned",
  ].map((action) => ({ event: "issues", action, source: fromExample(), upserts: ["issue"], deletes: [] })),
  {
    event: "issues",
    action: "closed",
    source: fromSimulator(() =>
      control("PATCH", `${repoPath(targets.issue)}/issues/${targets.issue.item.number}`, { state: "closed" }),
    ),
    upserts: ["issue"],
    deletes: [],
  },
  // Issue types: webhooks-examples has none, so the simulator sets the type, then removes it.
  ...(
    [
      ["typed", "Bug"],
      ["untyped", null],
    ] as const
  ).map(([action, type]) => ({
    event: "issues",
    action,
    source: fromSimulator(() =>
      control("PATCH", `${repoPath(targets.issue)}/issues/${targets.issue.item.number}`, { type }),
    ),
    upserts: ["issue"],
    deletes: [],
  })),
  { event: "issues", action: "transferred", source: fromExample(), upserts: [], deletes: ["issue"] },
  { event: "issues", action: "deleted", source: fromExample(), upserts: [], deletes: ["issue"] },
  ...["created", "edited"].map((action) => ({
    event: "release",
    action,
    source: fromExample(),
    upserts: ["release"],
    deletes: [],
  })),
  { event: "release", action: "deleted", source: fromExample(), upserts: [], deletes: ["release"] },
  { event: "create", source: fromExample((p) => p.ref_type === "tag"), upserts: ["tag"], deletes: [] },
  { event: "delete", source: fromExample((p) => p.ref_type === "tag"), upserts: [], deletes: ["tag"] },
  {
    event: "create",
    action: "(branch)",
    source: fromSimulator(() =>
      control("POST", `${repoPath(targets.pull)}/git/refs`, { ref: "refs/heads/table-branch" }),
    ),
    upserts: ["branch"],
    deletes: [],
  },
  {
    event: "delete",
    action: "(branch)",
    source: fromSimulator(() => control("DELETE", `${repoPath(targets.pull)}/git/refs/heads/table-branch`)),
    upserts: [],
    deletes: ["branch"],
  },
  {
    event: "push",
    source: fromExample((p) => !p.deleted && Array.isArray(p.commits) && p.commits.length > 0),
    upserts: ["branch"],
    deletes: [],
  },
  {
    event: "deployment",
    action: "created",
    source: fromExample(),
    upserts: ["environment", "deployment"],
    deletes: [],
  },
  {
    event: "deployment_status",
    action: "created",
    source: fromExample(),
    upserts: ["deployment-status"],
    deletes: [],
  },
  ...["requested", "completed"].map((action) => ({
    event: "workflow_run",
    action,
    source: fromExample(),
    upserts: ["workflow-run"],
    deletes: [],
  })),
  {
    event: "workflow_run",
    action: "in_progress",
    source: fromSimulator(() =>
      control("PATCH", `${repoPath(targets.run)}/actions/runs/${targets.run.item.id}`, {
        status: "in_progress",
      }),
    ),
    upserts: ["workflow-run"],
    deletes: [],
  },
  // Dependabot: the action's state against the default states ["open"].
  ...["created", "reopened", "auto_reopened", "reintroduced", "dismissed", "auto_dismissed", "fixed"].map(
    (action): Row => {
      const opens = ["created", "reopened", "auto_reopened", "reintroduced"].includes(action);
      return {
        event: "dependabot_alert",
        action,
        source:
          action === "created" || action === "fixed"
            ? fromExample()
            : fromSimulator(() => alertEvent("dependabot", action)),
        upserts: opens ? ["dependabot-alert"] : [],
        deletes: opens ? [] : ["dependabot-alert"],
      };
    },
  ),
  // Code scanning: against the default state "open".
  ...["appeared_in_branch", "reopened", "created", "fixed", "closed_by_user"].map((action): Row => {
    const opens = ["appeared_in_branch", "reopened", "created"].includes(action);
    return {
      event: "code_scanning_alert",
      action,
      source:
        action === "appeared_in_branch"
          ? fromSimulator(() => alertEvent("code-scanning", action))
          : fromExample(),
      upserts: opens ? ["code-scanning-alerts"] : [],
      deletes: opens ? [] : ["code-scanning-alerts"],
    };
  }),
  ...["created", "publicly_leaked", "reopened", "validated", "resolved"].map((action): Row => {
    const opens = action !== "resolved";
    return {
      event: "secret_scanning_alert",
      action,
      source: fromSimulator(() =>
        action === "created"
          ? control("POST", `${repoPath(targets.alerts["secret-scanning"])}/secret-scanning/alerts`)
          : alertEvent("secret-scanning", action),
      ),
      upserts: opens ? ["secret-scanning-alerts"] : [],
      deletes: opens ? [] : ["secret-scanning-alerts"],
    };
  }),
  { event: "organization", action: "member_added", source: fromExample(), upserts: ["user"], deletes: [] },
  {
    event: "organization",
    action: "member_removed",
    source: fromSimulator(() =>
      control("DELETE", `/orgs/${targets.org.login as string}/members/${targets.member.login as string}`),
    ),
    upserts: [],
    deletes: ["user"],
  },
  ...["created", "edited"].map((action) => ({
    event: "team",
    action,
    source: fromExample(),
    upserts: ["team"],
    deletes: [],
  })),
  { event: "team", action: "deleted", source: fromExample(), upserts: [], deletes: ["team"] },
  {
    event: "team",
    action: "added_to_repository",
    source: fromExample(),
    upserts: ["collaborator"],
    deletes: [],
  },
  // The team is re-read; the member becomes a collaborator of the team's repositories.
  {
    event: "membership",
    action: "added",
    source: fromExample(),
    upserts: ["team", "collaborator"],
    deletes: [],
  },
  // Removed for real: the team is re-read, and the user's access to the team's repositories re-read —
  // still there through the organization's base permission, so the collaborator is refreshed, not deleted.
  {
    event: "membership",
    action: "removed",
    source: fromSimulator(() =>
      control(
        "DELETE",
        `/orgs/${targets.org.login as string}/teams/${targets.team.slug as string}/memberships/${targets.teamMember.login as string}`,
      ),
    ),
    upserts: ["team", "collaborator"],
    deletes: [],
  },
  ...["added", "edited"].map((action) => ({
    event: "member",
    action,
    source: fromExample(),
    upserts: ["collaborator"],
    deletes: [],
  })),
  {
    event: "member",
    action: "removed",
    source: fromSimulator(() =>
      control(
        "DELETE",
        `${repoPath(targets.collaborator)}/collaborators/${targets.collaborator.item.login as string}`,
      ),
    ),
    upserts: [],
    deletes: ["collaborator"],
  },
];

function alertEvent(kind: AlertKind, action: string) {
  const alert = targets.alerts[kind];
  return control("POST", `${repoPath(alert)}/${kind}/alerts/${alert.item.number}/events`, { action });
}

/** The first repository of the organization where `path` lists something (`pick` chooses in the list). */
async function findIn(repositories: Json[], path: string, pick: (items: Json[]) => Json | undefined) {
  for (const repository of repositories) {
    const listed = await api<Json[] | Json>(`/repos/${repository.full_name as string}${path}`).catch(
      () => [],
    );
    const items = Array.isArray(listed) ? listed : ((listed.workflow_runs as Json[] | undefined) ?? []);
    const item = pick(items);
    if (item) return { repository, item };
  }
  throw new Error(`no repository with ${path}`);
}

/** A workflow run: the simulator lists runs per workflow. */
async function findRun(repositories: Json[]): Promise<Found> {
  for (const repository of repositories) {
    const path = `/repos/${repository.full_name as string}/actions/workflows`;
    const { workflows } = await api<{ workflows: Json[] }>(path);
    for (const workflow of workflows) {
      const { workflow_runs: runs } = await api<{ workflow_runs: Json[] }>(`${path}/${workflow.id}/runs`);
      const run = runs.find((candidate) => candidate.status === "completed");
      if (run) return { repository, item: run };
    }
  }
  throw new Error("no workflow run in the seed");
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, logger: false });
  const settings = settingsSchema.parse({
    integration: {
      identifier: "table",
      type: "github",
      config: {
        githubHost: sim.url,
        githubToken: sim.adminToken,
        githubOrganization: sim.organization,
        webhookSecret: secret,
      },
    },
    port: 0,
    adminPassword: "table test admin password",
  });
  portolan = withSettingsSource(
    await startPortolan({ settings, logger: silentLogger(), mapping: mappingText, inMemory: true }),
  );
  await portolan.catalog.ensureBlueprints(
    Object.keys(KINDS).map((kind) => ({
      identifier: blueprintOf(kind),
      title: kind,
      schema: { properties: {}, required: [] },
    })),
  );
  // The catalog's writes, by blueprint: what a row's event did.
  const { catalog } = portolan;
  const upsert = catalog.upsertEntities.bind(catalog);
  const remove = catalog.deleteEntities.bind(catalog);
  catalog.upsertEntities = async (entities: readonly Entity[], context) => {
    for (const entity of entities) written.upserted.add(entity.blueprint);
    return upsert(entities, context);
  };
  catalog.deleteEntities = async (keys, dataSource, options) => {
    for (const key of keys) written.deleted.add(key.blueprint);
    return remove(keys, dataSource, options);
  };
  await portolan.integration.registerWebhooks(`${portolan.url}/integration/webhook`);
  await control("POST", `/orgs/${sim.organization}/repos`, { name: DOOMED });
  await sim.whenIdle();

  const org = await api(`/orgs/${sim.organization}`);
  const repositories = await api<Json[]>(`/orgs/${sim.organization}/repos?per_page=100`);
  const first = (items: Json[]) => items[0];
  const deployment = await findIn(repositories, "/deployments", first);
  const teams = await api<Json[]>(`/orgs/${sim.organization}/teams`);
  const collaborator = await findIn(repositories, "/collaborators?affiliation=direct", (items) =>
    items.find((user) => user.login !== org.login),
  );
  let team: Json | undefined;
  for (const candidate of teams) {
    const repos = await api<Json[]>(`/orgs/${sim.organization}/teams/${candidate.slug as string}/repos`);
    if (repos.length > 0) team = candidate;
    if (team) break;
  }
  if (!team) throw new Error("the seed lacks a team with repositories");
  const membersOf = (slug: unknown) =>
    api<Json[]>(`/orgs/${sim.organization}/teams/${slug as string}/members`);
  const inTeam = await membersOf(team.slug);
  const teamMember = inTeam.find((user) => user.login !== collaborator.item.login);
  const others = (await Promise.all(teams.map((other) => membersOf(other.slug)))).flat();
  const member = others.find(
    (user) => user.login !== collaborator.item.login && !inTeam.some((mate) => mate.login === user.login),
  );
  if (!teamMember || !member) throw new Error("the seed lacks team members to use");
  targets = {
    org,
    pull: await findIn(repositories, "/pulls?state=open", first),
    issue: await findIn(repositories, "/issues?state=open", (items) =>
      items.find((item) => !item.pull_request),
    ),
    release: await findIn(repositories, "/releases", first),
    tag: await findIn(repositories, "/tags", first),
    deployment,
    status: await findIn([deployment.repository], `/deployments/${deployment.item.id}/statuses`, first),
    run: await findRun(repositories),
    alerts: {
      dependabot: await findIn(repositories, "/dependabot/alerts?state=open", first),
      "code-scanning": await findIn(repositories, "/code-scanning/alerts?state=open", first),
      "secret-scanning": await findIn(repositories, "/secret-scanning/alerts?state=open", first),
    },
    team,
    teamMember,
    member,
    collaborator,
  };
}, 120_000);

afterAll(async () => {
  await portolan?.close();
  await sim?.close();
});

describe("every event × action of the seed's list", () => {
  it.each(rows.map((row) => [`${row.event}.${row.action ?? "(any)"}`, row] as const))(
    "%s",
    async (_name, row) => {
      written.upserted.clear();
      written.deleted.clear();
      if ("simulator" in row.source) await row.source.simulator();
      else await deliver(row.event, repointed(row.event, example(row.event, row.action, row.source.example)));
      await sim.whenIdle();
      await portolan.dataSource.whenEventsIdle();
      expect({
        upserts: [...written.upserted].sort(),
        deletes: [...written.deleted].sort(),
      }).toEqual({
        upserts: row.upserts.map(blueprintOf).sort(),
        deletes: row.deletes.map(blueprintOf).sort(),
      });
    },
  );
});
