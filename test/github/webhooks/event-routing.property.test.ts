import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionsAndDeploymentsKindsTouchedBy } from "../../../src/github/webhooks/actions-and-deployments-events.js";
import { githubGroupKey } from "../../../src/github/webhooks/group-key.js";
import { kindsTouchedByPush } from "../../../src/github/webhooks/push-event-kinds.js";

/**
 * The webhook endpoint routes every signed JSON object before storing it (group key, kinds touched),
 * so these must answer for any payload: a throw there would be a 500 to GitHub.
 */
const payloadField = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record(
    {
      full_name: fc.jsonValue({ maxDepth: 1 }),
      login: fc.jsonValue({ maxDepth: 1 }),
      number: fc.jsonValue({ maxDepth: 1 }),
      id: fc.jsonValue({ maxDepth: 1 }),
      name: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
);
const payload = fc.dictionary(
  fc.constantFrom(
    "action",
    "ref",
    "deleted",
    "created",
    "before",
    "after",
    "commits",
    "head_commit",
    "repository",
    "organization",
    "pull_request",
    "issue",
    "workflow_run",
    "workflow_job",
    "deployment",
    "deployment_status",
    "release",
    "number",
    "id",
    "sha",
    "sender",
    "installation",
    "other",
  ),
  payloadField,
  { maxKeys: 8 },
);
const eventName = fc.oneof(
  fc.constantFrom(
    "push",
    "repository",
    "pull_request",
    "pull_request_review",
    "issues",
    "issue_comment",
    "workflow_run",
    "workflow_job",
    "deployment",
    "deployment_status",
    "release",
    "member",
    "team",
    "ping",
    "installation",
  ),
  fc.string({ maxLength: 12 }),
);

describe("GitHub event routing on generated payloads (property)", () => {
  it("gives a group key and the kinds touched for any event name and payload, never throwing", () => {
    fc.assert(
      fc.property(eventName, payload, (name, body) => {
        const event = { deliveryId: "d", name, payload: body as Record<string, unknown> };
        expect(typeof githubGroupKey(event)).toBe("string");
        for (const kinds of [kindsTouchedByPush(event), actionsAndDeploymentsKindsTouchedBy(event)]) {
          expect(Array.isArray(kinds)).toBe(true);
        }
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 3000 },
    );
  });
});
