/**
 * Alert deliveries through `handleEvent`: from the simulator (every action of the seed's list) and GitHub's
 * example payloads (`@octokit/webhooks-examples`) against a scripted GitHub.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KindChanges, LiveEvent } from "../../../src/engine/integration/integration.js";
import type { GitHubIntegration } from "../../../src/github/create-github-integration.js";
import { codeScanningAlertSelectorSchema } from "../../../src/github/kinds/code-scanning-alerts.js";
import { dependabotAlertSelectorSchema } from "../../../src/github/kinds/dependabot-alert.js";
import { handleSecurityAlertEvent } from "../../../src/github/webhooks/security-alert-events.js";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { FakeGitHub, fakeContext } from "../fake-github.js";
import { webhookExamples } from "../webhook-examples.js";
import { receiveSimulatorDeliveries, type SimulatorDeliveries } from "./receive-simulator-deliveries.js";

let simulator: RunningSimulator;
let integration: GitHubIntegration;
let deliveries: SimulatorDeliveries;
const received: LiveEvent[] = [];

beforeAll(async () => {
  deliveries = await receiveSimulatorDeliveries(16, received);
  ({ simulator, integration } = deliveries);
});
afterAll(() => deliveries?.close());

/** Applies one control change and returns what its delivery means for the kind under `selector`. */
async function change(
  path: string,
  body: unknown,
  kind: string,
  selector: unknown,
): Promise<KindChanges | null> {
  await simulator.whenIdle();
  received.length = 0;
  await controlSimulator(simulator, "POST", path, body, { whenIdle: true });
  const [event] = received.splice(0);
  if (!event) throw new Error(`no delivery for ${path}`);
  expect(integration.kindsTouchedBy(event)).toEqual([kind]);
  const definition = integration.kinds.find((entry) => entry.name === kind);
  return integration.handleEvent(event, {
    kind,
    selector: definition?.selectorSchema.parse(selector),
    mappingOptions: {},
  });
}

describe.each([
  [
    "dependabot",
    "dependabot-alert",
    ["reopened", "auto_reopened", "reintroduced"],
    ["dismissed", "auto_dismissed", "fixed"],
    {},
  ],
  [
    "code-scanning",
    "code-scanning-alerts",
    ["appeared_in_branch", "reopened"],
    ["fixed", "closed_by_user"],
    {},
  ],
  [
    "secret-scanning",
    "secret-scanning-alerts",
    ["publicly_leaked", "validated", "reopened"],
    ["resolved"],
    {},
  ],
] as const)("%s deliveries from the simulator", (alertKind, kind, opening, closing, selector) => {
  it(`created and ${opening.join("/")} upsert the re-read alert; ${closing.join("/")} delete it under the default selector`, async () => {
    const repository = simulator.state.repositoriesOwnedBy(
      simulator.state.findAccount(simulator.organization)?.id ?? 0,
    )[0];
    const base = `/repos/${simulator.organization}/${repository?.name}/${alertKind}/alerts`;
    const created = await change(base, undefined, kind, selector);
    const number = created?.upserted[0]?.number;
    expect(created?.upserted[0]).toMatchObject({
      state: "open",
      __repository: repository?.name,
      __organization: simulator.organization,
    });
    for (const action of [...closing, ...opening]) {
      const changes = await change(`${base}/${number}/events`, { action }, kind, selector);
      if ((closing as readonly string[]).includes(action)) {
        expect(changes?.upserted, action).toEqual([]);
        expect(
          changes?.deleted.map((alert) => alert.number),
          action,
        ).toEqual([number]);
        expect(changes?.deleted[0], action).toMatchObject({
          __repository: repository?.name,
          __organization: simulator.organization,
        });
        // Back to open for the next action.
        await change(`${base}/${number}/events`, { action: opening[opening.length - 1] }, kind, selector);
      } else {
        expect(
          changes?.upserted.map((alert) => alert.number),
          action,
        ).toEqual([number]);
        expect(changes?.deleted, action).toEqual([]);
      }
    }
  });
});

describe("alert deliveries: selector states and GitHub's examples", () => {
  const example = (name: string, action: string) => {
    const found = webhookExamples
      .find((entry) => entry.name === name)
      ?.examples.find((payload) => payload.action === action);
    if (!found) throw new Error(`no ${name}.${action} example`);
    return structuredClone(found);
  };

  it("dependabot_alert fixed: kept (re-read) when the selector lists fixed, deleted otherwise; unknown actions do nothing", async () => {
    const payload = example("dependabot_alert", "fixed");
    const repository = payload.repository as { name: string; owner: { login: string } };
    const number = (payload.alert as { number: number }).number;
    const alert = {
      number,
      state: "fixed",
      dependency: { package: { ecosystem: "npm" } },
      security_advisory: { severity: "high" },
    };
    const fake = new FakeGitHub().on(
      "GET",
      `/repos/${repository.owner.login}/${repository.name}/dependabot/alerts/${number}`,
      { body: alert },
    );
    const event = { deliveryId: "d", name: "dependabot_alert", payload };
    const context = fakeContext(fake);
    const kept = await handleSecurityAlertEvent(context, event, {
      kind: "dependabot-alert",
      selector: dependabotAlertSelectorSchema.parse({ states: ["open", "fixed"] }),
      mappingOptions: {},
    });
    expect(kept?.upserted).toEqual([
      { ...alert, __repository: repository.name, __organization: repository.owner.login },
    ]);
    const dropped = await handleSecurityAlertEvent(context, event, {
      kind: "dependabot-alert",
      selector: dependabotAlertSelectorSchema.parse({}),
      mappingOptions: {},
    });
    expect(dropped?.deleted.map((entry) => entry.number)).toEqual([number]);
    const other = await handleSecurityAlertEvent(
      context,
      { ...event, payload: { ...payload, action: "assignees_changed" } },
      {
        kind: "dependabot-alert",
        selector: dependabotAlertSelectorSchema.parse({}),
        mappingOptions: {},
      },
    );
    expect(other).toBeNull();
  });

  it("code_scanning_alert closed_by_user is kept by a `dismissed` or `closed` selector (Ocean deleted it under `dismissed`)", async () => {
    const payload = example("code_scanning_alert", "closed_by_user");
    const repository = payload.repository as { name: string; owner: { login: string } };
    const number = (payload.alert as { number: number }).number;
    const fake = new FakeGitHub().on(
      "GET",
      `/repos/${repository.owner.login}/${repository.name}/code-scanning/alerts/${number}`,
      {
        body: { number, state: "dismissed", rule: { severity: "warning" } },
      },
    );
    const event = { deliveryId: "d", name: "code_scanning_alert", payload };
    for (const state of ["dismissed", "closed"]) {
      const changes = await handleSecurityAlertEvent(fakeContext(fake), event, {
        kind: "code-scanning-alerts",
        selector: codeScanningAlertSelectorSchema.parse({ state }),
        mappingOptions: {},
      });
      expect(
        changes?.upserted.map((alert) => alert.number),
        state,
      ).toEqual([number]);
    }
    const open = await handleSecurityAlertEvent(fakeContext(fake), event, {
      kind: "code-scanning-alerts",
      selector: codeScanningAlertSelectorSchema.parse({}),
      mappingOptions: {},
    });
    expect(open?.deleted.map((alert) => alert.number)).toEqual([number]);
  });
});
