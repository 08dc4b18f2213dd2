import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { SecurityAlertKind } from "../../../src/simulator/state/security-alert.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { call, type Receiver, startReceiver } from "../support/simulator-http.js";
import { webhookPayloadProblems } from "../support/webhook-schema.js";

type Alert = Record<string, unknown> & { number: number; state: string };

describe("security alert routes and their webhooks", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 14 });
    receiver = await startReceiver();
    await call(sim, `/orgs/${sim.organization}/hooks`, {
      method: "POST",
      body: {
        name: "web",
        events: ["dependabot_alert", "code_scanning_alert", "secret_scanning_alert"],
        config: { url: receiver.url, content_type: "json" },
      },
    });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  const repositories = () => sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? 0);
  const enabled = (kind: SecurityAlertKind) =>
    repositories().filter((repo) => sim.state.alertsEnabled(kind, repo.id));
  const all = <K extends SecurityAlertKind>(kind: K) =>
    repositories().flatMap((repo) => sim.state.alertsOf(kind, repo.id));

  it("seeds every state, severity and ecosystem the selectors filter on", () => {
    expect(new Set(all("dependabot").map((a) => a.state))).toEqual(
      new Set(["open", "dismissed", "fixed", "auto_dismissed"]),
    );
    expect(new Set(all("dependabot").map((a) => a.severity))).toEqual(
      new Set(["low", "medium", "high", "critical"]),
    );
    expect(new Set(all("dependabot").map((a) => a.ecosystem)).size).toBe(9);
    expect(new Set(all("code-scanning").map((a) => a.state))).toEqual(
      new Set(["open", "dismissed", "fixed"]),
    );
    expect(new Set(all("code-scanning").map((a) => a.ruleSeverity))).toEqual(
      new Set(["error", "warning", "note"]),
    );
    expect(new Set(all("secret-scanning").map((a) => a.state))).toEqual(new Set(["open", "resolved"]));
  });

  it("lists Dependabot alerts with comma-list filters, and 403 where Dependabot is disabled", async () => {
    const [repo] = enabled("dependabot").filter((r) => sim.state.alertsOf("dependabot", r.id).length > 2);
    const path = `/repos/${sim.organization}/${repo?.name}/dependabot/alerts`;
    const everything = await call<Alert[]>(sim, path);
    expect(everything.body).toHaveLength(sim.state.alertsOf("dependabot", repo?.id ?? 0).length);
    expect(everything.body[0]).toHaveProperty("security_advisory.ghsa_id");
    const open = await call<Alert[]>(sim, `${path}?state=open,fixed&severity=`, { base: sim.enterpriseUrl });
    expect(open.body.every((a) => a.state === "open" || a.state === "fixed")).toBe(true);
    const off = repositories().find((r) => !sim.state.alertsEnabled("dependabot", r.id));
    const disabled = await call<{ message: string }>(
      sim,
      `/repos/${sim.organization}/${off?.name}/dependabot/alerts`,
    );
    expect(disabled.status).toBe(403);
    expect(disabled.body.message).toBe("Dependabot alerts are disabled for this repository.");
  });

  it("lists code scanning alerts by state (closed = dismissed or fixed) and severity", async () => {
    const repo = enabled("code-scanning").find((r) => sim.state.alertsOf("code-scanning", r.id).length > 0);
    const path = `/repos/${sim.organization}/${repo?.name}/code-scanning/alerts`;
    const closed = await call<Alert[]>(sim, `${path}?state=closed`);
    expect(closed.body.every((a) => a.state !== "open")).toBe(true);
    const [first] = sim.state.alertsOf("code-scanning", repo?.id ?? 0);
    const single = await call<Alert>(sim, `${path}/${first?.number}`);
    expect(single.body).toMatchObject({
      number: first?.number,
      rule: { id: first?.ruleId },
      tool: { name: "CodeQL" },
    });
  });

  it("lists secret scanning alerts, hiding the secret when asked", async () => {
    const repo = enabled("secret-scanning").find(
      (r) => sim.state.alertsOf("secret-scanning", r.id).length > 0,
    );
    const path = `/repos/${sim.organization}/${repo?.name}/secret-scanning/alerts`;
    const shown = await call<Alert[]>(sim, path);
    expect(shown.body[0]).toHaveProperty("secret");
    const hidden = await call<Alert[]>(sim, `${path}?hide_secret=true&state=open,resolved`);
    expect(hidden.body[0]).not.toHaveProperty("secret");
    const off = repositories().find((r) => !sim.state.alertsEnabled("secret-scanning", r.id));
    expect((await call(sim, `/repos/${sim.organization}/${off?.name}/secret-scanning/alerts`)).status).toBe(
      404,
    );
  });

  it.each([
    [
      "dependabot",
      "dependabot_alert",
      ["reopened", "dismissed", "auto_reopened", "auto_dismissed", "reintroduced", "fixed"],
    ],
    ["code-scanning", "code_scanning_alert", ["fixed", "reopened", "closed_by_user", "appeared_in_branch"]],
    ["secret-scanning", "secret_scanning_alert", ["publicly_leaked", "validated", "resolved", "reopened"]],
  ] as const)(
    "%s: created and every action emit %s payloads GitHub's schema accepts",
    async (kind, event, actions) => {
      const repo = repositories()[1];
      receiver.received.length = 0;
      const alerts = `/repos/${sim.organization}/${repo?.name}/${kind}/alerts`;
      const created = await controlAnswer<{ number: number }>(sim, "POST", alerts);
      const { number } = created.body;
      for (const action of actions) {
        const answer = await controlAnswer(sim, "POST", `${alerts}/${number}/events`, { action });
        expect(answer.status, action).toBe(200);
      }
      await sim.whenIdle();
      const payloads = receiver.received.map(
        (d) => JSON.parse(d.body) as { action: string; alert: { number: number } },
      );
      expect(receiver.received.map((d) => d.headers["x-github-event"])).toEqual(
        Array(actions.length + 1).fill(event),
      );
      expect(payloads.map((p) => p.action)).toEqual(["created", ...actions]);
      for (const payload of payloads) {
        expect(payload.alert.number).toBe(number);
        const definition = `${event}$${payload.action}`;
        expect(webhookPayloadProblems(definition, payload), definition).toEqual([]);
      }
    },
  );
});
