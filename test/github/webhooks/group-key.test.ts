import { describe, expect, it } from "vitest";
import type { LiveEvent } from "../../../src/engine/integration/integration.js";
import { githubGroupKey } from "../../../src/github/webhooks/group-key.js";
import { webhookExamples as examples } from "../webhook-examples.js";

function examplesOf(name: string): Record<string, unknown>[] {
  const definition = examples.find((entry) => entry.name === name);
  if (!definition) throw new Error(`no examples for ${name}`);
  return definition.examples as unknown as Record<string, unknown>[];
}

const event = (name: string, payload: Record<string, unknown>): LiveEvent => ({
  deliveryId: "d",
  name,
  payload,
});
const first = (name: string) => {
  const payload = examplesOf(name)[0];
  if (!payload) throw new Error(`no example for ${name}`);
  return payload;
};

describe("githubGroupKey on GitHub's example payloads", () => {
  it("groups pull_request, pull_request_review and pull_request_review_comment by repository and PR number", () => {
    for (const name of ["pull_request", "pull_request_review", "pull_request_review_comment"]) {
      for (const payload of examplesOf(name)) {
        const repository = (payload.repository as { full_name: string }).full_name;
        const number = (payload.pull_request as { number: number }).number;
        expect(githubGroupKey(event(name, payload))).toBe(`${repository}#${number}`);
      }
    }
  });

  it("groups issues and issue_comment by repository and issue number", () => {
    for (const name of ["issues", "issue_comment"]) {
      for (const payload of examplesOf(name)) {
        const repository = (payload.repository as { full_name: string }).full_name;
        const number = (payload.issue as { number: number }).number;
        expect(githubGroupKey(event(name, payload))).toBe(`${repository}#${number}`);
      }
    }
  });

  it("groups push by commit SHA and status by commit SHA, within the repository", () => {
    const push = first("push");
    expect(githubGroupKey(event("push", push))).toBe(
      `${(push.repository as { full_name: string }).full_name}@${push.after as string}`,
    );
    const status = first("status");
    expect(githubGroupKey(event("status", status))).toBe(
      `${(status.repository as { full_name: string }).full_name}@${status.sha as string}`,
    );
  });

  it("keys branch-deleting pushes (after = zeros) by ref, not by the shared zero SHA", () => {
    const payload = { ...first("push"), after: "0".repeat(40), ref: "refs/heads/gone", deleted: true };
    expect(githubGroupKey(event("push", payload))).toMatch(/@refs\/heads\/gone$/);
  });

  it("groups release by id and workflow_run by run id, within the repository", () => {
    const release = first("release");
    expect(githubGroupKey(event("release", release))).toBe(
      `${(release.repository as { full_name: string }).full_name}:release:${(release.release as { id: number }).id}`,
    );
    const run = first("workflow_run");
    expect(githubGroupKey(event("workflow_run", run))).toBe(
      `${(run.repository as { full_name: string }).full_name}:workflow_run:${(run.workflow_run as { id: number }).id}`,
    );
  });

  it("groups repository events by repository id, so a rename stays in one group", () => {
    for (const payload of examplesOf("repository")) {
      expect(githubGroupKey(event("repository", payload))).toBe(
        `repository:${(payload.repository as { id: number }).id}`,
      );
    }
  });

  it("the same PR number in two repositories gives two groups", () => {
    const payload = first("pull_request");
    const other = {
      ...payload,
      repository: { ...(payload.repository as object), full_name: "someone/else" },
    };
    expect(githubGroupKey(event("pull_request", payload))).not.toBe(
      githubGroupKey(event("pull_request", other)),
    );
  });

  it("falls back to the first number, id or sha of the event's subject, scoped to the repository", () => {
    const deployment = first("deployment");
    expect(githubGroupKey(event("deployment", deployment))).toBe(
      `${(deployment.repository as { full_name: string }).full_name}:deployment:deployment.id=${(deployment.deployment as { id: number }).id}`,
    );
  });

  it("falls back to the organization scope when there is no repository", () => {
    const payload = first("organization");
    const key = githubGroupKey(event("organization", payload));
    expect(key.startsWith(`org:${(payload.organization as { login: string }).login}:organization:`)).toBe(
      true,
    );
  });

  it("never throws on odd payloads", () => {
    expect(githubGroupKey(event("ping", {}))).toBe(":ping:*");
    expect(githubGroupKey(event("pull_request", { pull_request: null }))).toBe(":pull_request:*");
  });
});
