/**
 * Live events of the kinds workflow, workflow-run, environment, deployment and deployment-status through
 * the integration's `kindsTouchedBy` / `handleEvent`, with GitHub's example payloads
 * (`@octokit/webhooks-examples`) and a scripted GitHub for the re-reads.
 */
import { describe, expect, it } from "vitest";
import type { EventResource, LiveEvent } from "../../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { workflowRunEventActions } from "../../../src/github/webhooks/workflow-run-event.js";
import { FakeGitHub, fastPolicy, silentLogger } from "../fake-github.js";
import { webhookExamples as examples } from "../webhook-examples.js";

type Payload = Record<string, unknown> & {
  action?: string;
  repository: { id: number; name: string; owner: { login: string }; visibility?: string };
};

function example(
  name: string,
  action: string | undefined,
  predicate: (payload: Payload) => boolean = () => true,
  withOrganization = true,
): Payload {
  const found = (
    examples.find((entry) => entry.name === name)?.examples as unknown as Payload[] | undefined
  )?.find(
    (payload) =>
      payload.action === action && Boolean(payload.organization) === withOrganization && predicate(payload),
  );
  if (!found) throw new Error(`no ${name}.${action} example (organization: ${withOrganization})`);
  return structuredClone(found);
}

const event = (name: string, payload: Record<string, unknown>): LiveEvent => ({
  deliveryId: "delivery-1",
  name,
  payload,
});

async function integrationWith(fake: FakeGitHub): Promise<GitHubIntegration> {
  return createGitHubIntegration(
    { githubToken: "ghp_0123456789abcdef0123456789abcdef0123" },
    { fetch: fake.fetch, logger: silentLogger, rateLimitPolicy: fastPolicy },
  );
}

function resource(
  integration: GitHubIntegration,
  kind: string,
  selector: Record<string, unknown> = {},
  mappingOptions: Record<string, unknown> = {},
): EventResource {
  const found = integration.kinds.find((entry) => entry.name === kind);
  if (!found) throw new Error(`no kind ${kind}`);
  return { kind, selector: found.selectorSchema.parse(selector), mappingOptions };
}

describe("workflow_run", () => {
  it("handles exactly the three actions of the seed, which GitHub's schema knows", () => {
    const known = examples.find((entry) => entry.name === "workflow_run")?.actions ?? [];
    expect([...workflowRunEventActions].sort()).toEqual([...known].sort());
  });

  it.each(["completed", "requested"])(
    "%s: re-reads GET /actions/runs/{id} with __repository/__organization",
    async (action) => {
      const payload = example("workflow_run", action, (p) => p.repository.visibility === "public");
      const run = payload.workflow_run as { id: number };
      const { owner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
      const org = (payload.organization as { login: string }).login;
      const fake = new FakeGitHub().on("GET", `/repos/${owner}/${name}/actions/runs/${run.id}`, {
        body: { ...run, status: "completed", conclusion: "success" },
      });
      const integration = await integrationWith(fake);
      const delivery = event("workflow_run", payload);
      expect(integration.kindsTouchedBy(delivery)).toEqual(["workflow-run"]);
      expect(integration.groupKey(delivery)).toContain(`workflow_run:${run.id}`);
      const changes = await integration.handleEvent(delivery, resource(integration, "workflow-run"));
      expect(changes?.upserted).toEqual([
        { ...run, status: "completed", conclusion: "success", __repository: name, __organization: org },
      ]);
      expect(changes?.deleted).toEqual([]);
    },
  );

  it("statuses that match neither the run's status nor its conclusion delete it, without a request", async () => {
    const payload = example("workflow_run", "completed", (p) => p.repository.visibility === "public");
    const run = payload.workflow_run as { id: number; status: string; conclusion: string };
    const fake = new FakeGitHub();
    const integration = await integrationWith(fake);
    const changes = await integration.handleEvent(
      event("workflow_run", payload),
      resource(integration, "workflow-run", { statuses: ["in_progress"] }),
    );
    expect(changes?.deleted).toEqual([
      {
        ...run,
        __repository: payload.repository.name,
        __organization: (payload.organization as { login: string }).login,
      },
    ]);
    expect(fake.log).toEqual([]);
    // The run's conclusion is enough to keep it.
    fake.on(
      "GET",
      `/repos/${payload.repository.owner.login}/${payload.repository.name}/actions/runs/${run.id}`,
      { body: run },
    );
    const kept = await integration.handleEvent(
      event("workflow_run", payload),
      resource(integration, "workflow-run", { statuses: [run.conclusion as never] }),
    );
    expect(kept?.upserted).toHaveLength(1);
  });

  it("a run gone since the delivery (404) is deleted; other actions and other kinds are ignored", async () => {
    const payload = example("workflow_run", "requested", (p) => p.repository.visibility === "public");
    const integration = await integrationWith(new FakeGitHub());
    const gone = await integration.handleEvent(
      event("workflow_run", payload),
      resource(integration, "workflow-run"),
    );
    expect(gone?.deleted.map((run) => run.id)).toEqual([(payload.workflow_run as { id: number }).id]);
    expect(
      await integration.handleEvent(
        event("workflow_run", { ...payload, action: "waiting" }),
        resource(integration, "workflow-run"),
      ),
    ).toBeNull();
  });

  it("repositoryType and repoSearch gate the delivery", async () => {
    const payload = example("workflow_run", "completed", (p) => p.repository.visibility === "public");
    const fake = new FakeGitHub().on("GET", "/search/repositories", { body: { total_count: 0, items: [] } });
    const integration = await integrationWith(fake);
    expect(
      await integration.handleEvent(
        event("workflow_run", payload),
        resource(integration, "workflow-run", {}, { repositoryType: "private" }),
      ),
    ).toBeNull();
    expect(fake.log).toEqual([]);
    expect(
      await integration.handleEvent(
        event("workflow_run", payload),
        resource(integration, "workflow-run", { repoSearch: { query: "topic:x" } }),
      ),
    ).toBeNull();
    expect(fake.requests("GET", "/search/repositories")[0]?.query.q).toBe(
      `org:${(payload.organization as { login: string }).login} topic:x ${payload.repository.name} in:name`,
    );
  });

  it("a payload without a repository name is GITHUB_INVALID_PAYLOAD", async () => {
    const payload = example("workflow_run", "completed", (p) => p.repository.visibility === "public");
    delete (payload.repository as Partial<Payload["repository"]>).name;
    const integration = await integrationWith(new FakeGitHub());
    await expect(
      integration.handleEvent(event("workflow_run", payload), resource(integration, "workflow-run")),
    ).rejects.toMatchObject({
      code: "GITHUB_INVALID_PAYLOAD",
      where: { path: "repository.name" },
    });
  });
});

describe("push of workflow files", () => {
  /** GitHub's example push (a README commit), its commit changed to touch workflow files. */
  function workflowPush(change: { added?: string[]; modified?: string[]; removed?: string[] }): Payload {
    const payload = example("push", undefined, (p) => String(p.ref).startsWith("refs/heads/"), false);
    const [commit] = payload.commits as Array<Record<string, unknown>>;
    payload.commits = [
      {
        ...commit,
        added: change.added ?? [],
        modified: change.modified ?? [],
        removed: change.removed ?? [],
      },
    ];
    return payload;
  }

  it("only pushes to a branch that change .github/workflows/*.yml|yaml touch the workflow kind", async () => {
    const integration = await integrationWith(new FakeGitHub());
    // Other kinds (`branch`) take branch pushes too; this is about the workflow kind.
    const readme = example("push", undefined, (p) => String(p.ref).startsWith("refs/heads/"), false);
    expect(integration.kindsTouchedBy(event("push", readme))).not.toContain("workflow");
    expect(
      integration.kindsTouchedBy(event("push", workflowPush({ modified: [".github/workflows/ci.yml"] }))),
    ).toContain("workflow");
    expect(
      integration.kindsTouchedBy(event("push", workflowPush({ added: [".github/workflows/sub/x.yaml"] }))),
    ).toContain("workflow");
    expect(
      integration.kindsTouchedBy(event("push", workflowPush({ added: [".github/workflows/notes.md"] }))),
    ).not.toContain("workflow");
    const tag = { ...workflowPush({ added: [".github/workflows/ci.yml"] }), ref: "refs/tags/v1" };
    expect(integration.kindsTouchedBy(event("push", tag))).not.toContain("workflow");
  });

  it("re-reads each changed workflow by file name: active upserts, deleted and removed-and-gone delete", async () => {
    const payload = workflowPush({
      added: [".github/workflows/new.yml", "README.md"],
      modified: [".github/workflows/ci.yml"],
      removed: [".github/workflows/old.yaml", ".github/workflows/gone.yml"],
    });
    const { owner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
    // A personal repository: its owner is the event's account.
    const org = owner;
    const base = `/repos/${owner}/${name}/actions/workflows`;
    const fake = new FakeGitHub()
      .on("GET", `${base}/new.yml`, {
        body: { id: 1, name: "New", path: ".github/workflows/new.yml", state: "active" },
      })
      .on("GET", `${base}/ci.yml`, {
        body: { id: 2, name: "CI", path: ".github/workflows/ci.yml", state: "active" },
      })
      .on("GET", `${base}/old.yaml`, {
        body: { id: 3, name: "Old", path: ".github/workflows/old.yaml", state: "deleted" },
      });
    const integration = await integrationWith(fake);
    const changes = await integration.handleEvent(event("push", payload), resource(integration, "workflow"));
    expect(changes?.upserted.map((w) => [w.id, w.__repository, w.__organization])).toEqual([
      [1, name, org],
      [2, name, org],
    ]);
    expect(changes?.deleted).toEqual([
      {
        id: 3,
        name: "Old",
        path: ".github/workflows/old.yaml",
        state: "deleted",
        __repository: name,
        __organization: org,
      },
      { path: ".github/workflows/gone.yml", name: "gone.yml", __repository: name, __organization: org },
    ]);
    expect(fake.log.map((entry) => entry.path).filter((path) => path.includes("README"))).toEqual([]);
  });

  it("a push listing 20 commits (GitHub's cap) is compared instead", async () => {
    const payload = workflowPush({ modified: [".github/workflows/ci.yml"] });
    payload.commits = Array.from({ length: 20 }, () => (payload.commits as unknown[])[0]);
    const { owner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
    const fake = new FakeGitHub()
      .on("GET", `/repos/${owner}/${name}/compare/${payload.before}...${payload.after}`, {
        body: {
          files: [
            {
              filename: ".github/workflows/deploy.yml",
              status: "renamed",
              previous_filename: ".github/workflows/ci.yml",
            },
          ],
        },
      })
      .on("GET", `/repos/${owner}/${name}/actions/workflows/deploy.yml`, {
        body: { id: 9, state: "active" },
      });
    const integration = await integrationWith(fake);
    const changes = await integration.handleEvent(event("push", payload), resource(integration, "workflow"));
    expect(changes?.upserted.map((w) => w.id)).toEqual([9]);
    expect(changes?.deleted.map((w) => w.path)).toEqual([".github/workflows/ci.yml"]);
  });
});

describe("deployment and deployment_status", () => {
  const org = (payload: Payload) => (payload.organization as { login: string }).login;

  it("deployment touches environment and deployment; each re-reads its object", async () => {
    const payload = example("deployment", "created");
    const deployment = payload.deployment as { id: number; environment: string; task: string };
    const { owner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
    const fake = new FakeGitHub()
      .on("GET", `/repos/${owner}/${name}/environments/${deployment.environment}`, {
        body: { id: 5, name: deployment.environment },
      })
      .on("GET", `/repos/${owner}/${name}/environments/${deployment.environment}/variables`, {
        body: { total_count: 1, variables: [{ name: "REGION", value: "eu" }] },
      })
      .on("GET", `/repos/${owner}/${name}/deployments/${deployment.id}`, { body: deployment });
    const integration = await integrationWith(fake);
    const delivery = event("deployment", payload);
    expect(integration.kindsTouchedBy(delivery)).toEqual(["environment", "deployment"]);
    const environment = await integration.handleEvent(
      delivery,
      resource(integration, "environment", { includeVariables: true }),
    );
    expect(environment).toEqual({
      kind: "environment",
      upserted: [
        {
          id: 5,
          name: deployment.environment,
          __variables: [{ name: "REGION", value: "eu" }],
          __repository: name,
          __organization: org(payload),
        },
      ],
      deleted: [],
    });
    const upsert = await integration.handleEvent(delivery, resource(integration, "deployment"));
    expect(upsert?.upserted).toEqual([{ ...deployment, __repository: name, __organization: org(payload) }]);
  });

  it("the deployment selector's task / environment filter first, without requests; environment has none", async () => {
    const payload = example("deployment", "created");
    const fake = new FakeGitHub();
    const integration = await integrationWith(fake);
    expect(
      await integration.handleEvent(
        event("deployment", payload),
        resource(integration, "deployment", { environment: "staging" }),
      ),
    ).toBeNull();
    expect(
      await integration.handleEvent(
        event("deployment", payload),
        resource(integration, "deployment", { task: "deploy:migrations" }),
      ),
    ).toBeNull();
    expect(fake.log).toEqual([]);
    // An environment GitHub no longer has changes nothing (never a delete).
    const environment = await integration.handleEvent(
      event("deployment", payload),
      resource(integration, "environment", {}),
    );
    expect(environment).toEqual({ kind: "environment", upserted: [], deleted: [] });
  });

  it("deployment_status re-reads the status and adds __deployment_id", async () => {
    const payload = example("deployment_status", "created");
    const deployment = payload.deployment as { id: number; environment: string };
    const status = payload.deployment_status as { id: number };
    const { owner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
    const fake = new FakeGitHub().on(
      "GET",
      `/repos/${owner}/${name}/deployments/${deployment.id}/statuses/${status.id}`,
      { body: status },
    );
    const integration = await integrationWith(fake);
    const delivery = event("deployment_status", payload);
    expect(integration.kindsTouchedBy(delivery)).toEqual(["deployment-status"]);
    const changes = await integration.handleEvent(
      delivery,
      resource(integration, "deployment-status", { environment: deployment.environment }),
    );
    expect(changes?.upserted).toEqual([
      { ...status, __repository: name, __organization: org(payload), __deployment_id: String(deployment.id) },
    ]);
    expect(
      await integration.handleEvent(
        delivery,
        resource(integration, "deployment-status", { environment: "qa" }),
      ),
    ).toBeNull();
    await expect(
      integration.handleEvent(
        event("deployment_status", { ...payload, deployment_status: {} }),
        resource(integration, "deployment-status"),
      ),
    ).rejects.toMatchObject({ code: "GITHUB_INVALID_PAYLOAD", where: { path: "deployment_status.id" } });
  });
});
