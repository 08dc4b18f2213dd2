import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { call } from "../support/simulator-http.js";

/** A repository as example requests address it: its REST root and what lives in it. */
export interface RepositoryFixture {
  /** `/repos/{owner}/{name}`, or `/repositories/{id}` (where GitHub's `Link` headers point). */
  root: string;
  record: RepositoryRecord;
}

/**
 * Real identifiers of one seeded organization for the example requests: a repository rich in each
 * concern (activity, Actions, deployments, each alert kind), a team, a collaborator, org and repository
 * hooks.
 */
export interface ContractFixture {
  org: string;
  orgId: number;
  /** The seeded GitHub App's installation on the organization. */
  installationId: number;
  viewer: string;
  /** An organization member without admin rights on the activity repository. */
  member: string;
  /** A webhook receiver URL of this fixture's own (GitHub refuses two hooks with one URL). */
  receiverUrl: string;
  /** Pull requests, issues, releases, tags, branches, files and commits. */
  activity: RepositoryFixture;
  pullNumber: number;
  issueNumber: number;
  releaseId: number;
  tag: string;
  branch: string;
  file: string;
  directory: string;
  commitSha: string;
  parentSha: string;
  treeSha: string;
  collaborator: string;
  actions: RepositoryFixture;
  workflowFile: string;
  workflowId: number;
  runId: number;
  deployments: RepositoryFixture;
  environment: string;
  deploymentId: number;
  deploymentStatusId: number;
  dependabot: RepositoryFixture;
  codeScanning: RepositoryFixture;
  secretScanning: RepositoryFixture;
  /** A repository without commits (409s), and without any alert feature turned on (403s). */
  empty: RepositoryFixture;
  alertNumber: { dependabot: number; codeScanning: number; secretScanning: number };
  team: string;
  hookId: number;
  /** A delivery attempt of `hookId` (its ping), for the deliveries API examples. */
  hookDeliveryId: number;
  /** A hook the DELETE example may remove. */
  disposableHookId: number;
  /** A webhook of the activity repository, and a delivery attempt of it (its ping). */
  repositoryHookId: number;
  repositoryHookDeliveryId: number;
  /** A repository hook the DELETE example may remove. */
  disposableRepositoryHookId: number;
  /**
   * What the examples differ in when run again at `/repositories/{id}/…`: a receiver URL of their own
   * (for the hook they create) and a repository hook of their own to delete.
   */
  byId: Pick<ContractFixture, "receiverUrl" | "disposableRepositoryHookId">;
}

function pick(candidates: RepositoryRecord[], test: (repo: RepositoryRecord) => boolean, what: string) {
  const found = candidates.find(test);
  if (!found) throw new Error(`the seeded organization has no repository with ${what}`);
  return found;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the seeded organization has no ${what}`);
  return value;
}

/** The same fixture with every repository addressed as `/repositories/{id}`, and its `byId` identifiers. */
export function addressedById(fixture: ContractFixture): ContractFixture {
  const entries = Object.entries(fixture).map(([key, value]) =>
    isRepositoryFixture(value) ? [key, { ...value, root: `/repositories/${value.record.id}` }] : [key, value],
  );
  return { ...(Object.fromEntries(entries) as ContractFixture), ...fixture.byId };
}

function isRepositoryFixture(value: unknown): value is RepositoryFixture {
  return typeof value === "object" && value !== null && "root" in value && "record" in value;
}

/** Every repository the fixture names. */
export function repositoryFixtures(fixture: ContractFixture): RepositoryFixture[] {
  return Object.values(fixture).filter(isRepositoryFixture);
}

/** Reads the identifiers from the simulator's state and API (hooks are made at `base`, one root's API). */
export async function buildContractFixture(
  sim: RunningSimulator,
  options: { base: string /** unique to this fixture, with a query string */; hookUrl: string },
): Promise<ContractFixture> {
  const { state } = sim;
  const org = need(state.findAccount(sim.organization), "organization");
  const repos = state.repositoriesOwnedBy(org.id).filter((repo) => repo.visibility !== "internal");
  const at = (record: RepositoryRecord): RepositoryFixture => ({
    root: `/repos/${org.login}/${record.name}`,
    record,
  });
  const activity = pick(
    repos,
    (repo) =>
      state.activity.pullRequestsOf(repo.id).length > 1 &&
      state.activity.issuesOf(repo.id).length > 0 &&
      state.activity.releasesOf(repo.id).length > 0 &&
      state.activity.tagsOf(repo.id).length > 0 &&
      state.listFiles(repo.id, repo.defaultBranch).some((path) => path.includes("/")),
    "pull requests, issues, releases, tags and nested files",
  );
  const actions = pick(
    repos,
    (repo) => state.actions.workflowsOf(repo.id).some((w) => state.actions.runsOf(w.id).length > 0),
    "workflow runs",
  );
  const deployments = pick(
    repos,
    (repo) =>
      state.deployments.deploymentsOf(repo.id).some((d) => state.deployments.statusesOf(d.id).length > 0) &&
      state.deployments.environmentsOf(repo.id).some((e) => e.variables.length > 0),
    "deployments with statuses and environment variables",
  );
  const withAlerts = (kind: "dependabot" | "code-scanning" | "secret-scanning") =>
    pick(repos, (repo) => state.alertsOf(kind, repo.id).length > 0, `${kind} alerts`);
  const dependabot = withAlerts("dependabot");
  const codeScanning = withAlerts("code-scanning");
  const secretScanning = withAlerts("secret-scanning");

  const files = state.listFiles(activity.id, activity.defaultBranch);
  // Created once for both roots' fixtures.
  if (!state.findRepository(org.login, "contract-empty")) {
    await call(sim, `/_simulator/orgs/${org.login}/repos`, {
      method: "POST",
      body: { name: "contract-empty" },
    });
  }
  const empty = need(state.findRepository(org.login, "contract-empty")?.repository, "empty repository");
  const file = need(
    files.find((path) => path.includes("/")),
    "nested file",
  );
  // Generated branches have one commit; a push through the control API gives the head a parent.
  await call(sim, `/_simulator/repos/${org.login}/${activity.name}/push`, {
    method: "POST",
    body: { message: "Contract fixture", files: { [file]: "changed by the contract fixture\n" } },
  });
  const commits = await call<Array<{ sha: string; parents: Array<{ sha: string }> }>>(
    sim,
    `/repos/${org.login}/${activity.name}/commits?per_page=5`,
  );
  const head = need(
    commits.body.find((commit) => commit.parents.length > 0),
    "commit with a parent",
  );
  const headCommit = need(state.git.findCommit(activity.id, head.sha), "head commit");
  const workflow = need(
    state.actions.workflowsOf(actions.id).find((w) => state.actions.runsOf(w.id).length > 0),
    "workflow with runs",
  );
  const deployment = need(
    state.deployments
      .deploymentsOf(deployments.id)
      .find((d) => state.deployments.statusesOf(d.id).length > 0),
    "deployment with statuses",
  );
  const team = need(
    state.teamsOf(org.id).find((t) => t.members.size > 0 && t.repositories.size > 0),
    "team with members and repositories",
  );
  const collaborators = await call<Array<{ login: string }>>(
    sim,
    `/repos/${org.login}/${activity.name}/collaborators`,
  );
  const viewer = await call<{ login: string }>(sim, "/user");
  let member: string | undefined;
  for (const [id, role] of org.members) {
    const login = state.getAccount(id).login;
    const permission = await call<{ permission: string }>(
      sim,
      `/repos/${org.login}/${activity.name}/collaborators/${login}/permission`,
    );
    if (role === "member" && permission.body.permission !== "admin") member ??= login;
  }
  // The default branch protected, so that its protection can be read (and refused to non-admins).
  await call(
    sim,
    `/_simulator/repos/${org.login}/${activity.name}/branches/${activity.defaultBranch}/protection`,
    {
      method: "PUT",
      body: { required_status_checks: ["ci"], required_approving_review_count: 1 },
    },
  );
  const createHook = async (name: string, collection = `/orgs/${org.login}/hooks`) => {
    const hook = await call<{ id: number }>(sim, collection, {
      method: "POST",
      base: options.base,
      body: {
        name: "web",
        events: ["push"],
        config: { url: `${options.hookUrl}&hook=${name}`, content_type: "json" },
      },
    });
    return hook.body.id;
  };
  const issue = need(state.activity.issuesOf(activity.id)[0], "issue");
  // A typed issue, so the examples check a non-null `type` against the schema.
  await call(sim, `/_simulator/repos/${org.login}/${activity.name}/issues/${issue.number}`, {
    method: "PATCH",
    body: { type: "Bug" },
  });
  const hookId = await createHook("kept");
  await call(sim, `/orgs/${org.login}/hooks/${hookId}/pings`, { method: "POST", base: options.base });
  await sim.whenIdle();
  const repositoryHooks = `/repos/${org.login}/${activity.name}/hooks`;
  const repositoryHookId = await createHook("repository-kept", repositoryHooks);
  await sim.whenIdle();
  const ping = need(
    state.deliveries().find((delivery) => delivery.hookId === hookId),
    "delivery of the kept hook",
  );
  const repositoryPing = need(
    state.deliveries().find((delivery) => delivery.hookId === repositoryHookId),
    "delivery of the kept repository hook",
  );
  return {
    org: org.login,
    orgId: org.id,
    installationId: sim.credentials.installationId,
    viewer: viewer.body.login,
    member: need(member, "member without admin rights"),
    receiverUrl: options.hookUrl,
    activity: at(activity),
    pullNumber: need(state.activity.pullRequestsOf(activity.id)[0], "pull request").number,
    issueNumber: issue.number,
    releaseId: need(state.activity.releasesOf(activity.id)[0], "release").id,
    tag: need(state.activity.tagsOf(activity.id)[0], "tag").name,
    branch: activity.defaultBranch,
    file,
    directory: file.slice(0, file.lastIndexOf("/")),
    commitSha: head.sha,
    parentSha: need(head.parents[0], "parent").sha,
    treeSha: need(headCommit.trees.get(""), "root tree").sha,
    collaborator: need(collaborators.body[0], "collaborator").login,
    actions: at(actions),
    workflowFile: workflow.path.replace(".github/workflows/", ""),
    workflowId: workflow.id,
    runId: need(state.actions.runsOf(workflow.id)[0], "run").id,
    deployments: at(deployments),
    environment: need(
      state.deployments.environmentsOf(deployments.id).find((e) => e.variables.length > 0),
      "environment",
    ).name,
    deploymentId: deployment.id,
    deploymentStatusId: need(state.deployments.statusesOf(deployment.id)[0], "deployment status").id,
    dependabot: at(dependabot),
    codeScanning: at(codeScanning),
    secretScanning: at(secretScanning),
    empty: at(empty),
    alertNumber: {
      dependabot: need(state.alertsOf("dependabot", dependabot.id)[0], "Dependabot alert").number,
      codeScanning: need(state.alertsOf("code-scanning", codeScanning.id)[0], "code scanning alert").number,
      secretScanning: need(state.alertsOf("secret-scanning", secretScanning.id)[0], "secret scanning alert")
        .number,
    },
    team: team.slug,
    hookId,
    hookDeliveryId: ping.attemptId,
    disposableHookId: await createHook("disposable"),
    repositoryHookId,
    repositoryHookDeliveryId: repositoryPing.attemptId,
    disposableRepositoryHookId: await createHook("repository-disposable", repositoryHooks),
    byId: {
      receiverUrl: `${options.hookUrl}&by=id`,
      disposableRepositoryHookId: await createHook("repository-disposable-by-id", repositoryHooks),
    },
  };
}
