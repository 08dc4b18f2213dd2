/**
 * The alert kinds listed from the GitHub simulator at github.com and GitHub Enterprise Server paths, with
 * their selector filters, and the compatibility mapping's alert resources applied to Ocean's cases and to
 * the simulator's objects.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawObject } from "../../../src/engine/integration/integration.js";
import { compileResourceMapping } from "../../../src/engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { kindBlueprints } from "../../../src/github/defaults/kind-blueprints/index.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { SIMULATOR_HOSTS, simulatorGitHubSettings } from "../../support/simulator-github-settings.js";
import { listKindPages } from "../list-kind-pages.js";

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ seed: 15 });
});
afterAll(() => simulator.close());

async function listAll(
  integration: GitHubIntegration,
  name: string,
  selector: unknown,
): Promise<RawObject[]> {
  return (await listKindPages(integration, name, selector)).flat();
}

const repositories = () =>
  simulator.state.repositoriesOwnedBy(simulator.state.findAccount(simulator.organization)?.id ?? 0);
const key = (alert: RawObject) => `${alert.__repository}#${alert.number}`;

describe.each(SIMULATOR_HOSTS)("alert kinds against the simulator at %s", (_label, host) => {
  let integration: GitHubIntegration;
  beforeAll(async () => {
    integration = await createGitHubIntegration(simulatorGitHubSettings(simulator, host(simulator)));
  });

  it("dependabot-alert: open alerts by default; states, severity and ecosystems filter; disabled repositories have none", async () => {
    const expected = (keep: (alert: { state: string; severity: string; ecosystem: string }) => boolean) =>
      repositories()
        .flatMap((repo) =>
          simulator.state
            .alertsOf("dependabot", repo.id)
            .filter(keep)
            .map((a) => `${repo.name}#${a.number}`),
        )
        .sort();
    const open = await listAll(integration, "dependabot-alert", {});
    expect(open.map(key).sort()).toEqual(expected((a) => a.state === "open"));
    for (const alert of open)
      expect(alert).toMatchObject({ state: "open", __organization: simulator.organization });
    const filtered = await listAll(integration, "dependabot-alert", {
      states: ["dismissed", "fixed", "auto_dismissed"],
      severity: ["high", "critical"],
      ecosystems: ["npm", "pip", "maven", "go"],
    });
    expect(filtered.map(key).sort()).toEqual(
      expected(
        (a) =>
          a.state !== "open" &&
          ["high", "critical"].includes(a.severity) &&
          ["npm", "pip", "maven", "go"].includes(a.ecosystem),
      ),
    );
  });

  it("code-scanning-alerts: state (closed = dismissed + fixed) and severity", async () => {
    const closed = await listAll(integration, "code-scanning-alerts", { state: "closed" });
    const expected = repositories()
      .flatMap((repo) =>
        simulator.state
          .alertsOf("code-scanning", repo.id)
          .filter((a) => a.state !== "open")
          .map((a) => `${repo.name}#${a.number}`),
      )
      .sort();
    expect(closed.map(key).sort()).toEqual(expected);
    const notes = await listAll(integration, "code-scanning-alerts", { state: "open", severity: "note" });
    for (const alert of notes) expect(alert).toMatchObject({ state: "open", rule: { severity: "note" } });
  });

  it("secret-scanning-alerts: secrets hidden by default, state all lists every alert", async () => {
    const open = await listAll(integration, "secret-scanning-alerts", {});
    expect(open.length).toBeGreaterThan(0);
    for (const alert of open) {
      expect(alert.state).toBe("open");
      expect(alert).not.toHaveProperty("secret");
    }
    const all = await listAll(integration, "secret-scanning-alerts", { state: "all", hideSecret: false });
    const total = repositories().reduce(
      (sum, repo) => sum + simulator.state.alertsOf("secret-scanning", repo.id).length,
      0,
    );
    expect(all).toHaveLength(total);
    expect(all[0]).toHaveProperty("secret");
  });
});

describe("alert kinds: compatibility mapping", () => {
  const OCEAN = fileURLToPath(new URL("../../../../shared/ocean/", import.meta.url));
  const mapping = parsePortAppConfig(readFileSync(`${OCEAN}mappings/compat-port-app-config.yml`, "utf8"));

  it.each(["dependabot-alert", "code-scanning-alerts", "secret-scanning-alerts"])(
    "%s: the fields Ocean's examples fill are filled for the simulator's alerts, into the offered blueprint",
    async (kind) => {
      const integration = await createGitHubIntegration({
        githubHost: simulator.url,
        githubToken: simulator.adminToken,
        githubOrganization: simulator.organization,
      });
      const ours = await listAll(
        integration,
        kind,
        kind === "secret-scanning-alerts" ? { state: "all" } : {},
      );
      const cases = (
        JSON.parse(readFileSync(`${OCEAN}cases/${kind}.json`, "utf8")) as { objects: RawObject[] }
      ).objects;
      const resources = mapping.config.resources
        .map((resource, index) => ({ resource, index }))
        .filter(({ resource }) => resource.kind === kind);
      expect(resources.length).toBeGreaterThan(0);
      for (const { resource, index } of resources) {
        const compiled = compileResourceMapping(resource, index);
        const failing = (objects: RawObject[]) => {
          const failures = objects.map((object) =>
            mapRawItems(compiled, [object]).fieldFailures.map((f) => f.field),
          );
          const fields = new Set(failures.flat());
          return [...fields].filter((field) => failures.every((list) => list.includes(field)));
        };
        const theirs = mapRawItems(compiled, cases);
        const mine = mapRawItems(compiled, ours);
        expect(theirs.entities.length).toBeGreaterThan(0);
        expect(mine.entities.length).toBe(ours.length);
        expect(failing(ours).filter((field) => !failing(cases).includes(field))).toEqual([]);
        const entity = mine.entities[0];
        expect(entity?.blueprint).toBe(kindBlueprints[kind]?.identifier);
        for (const property of Object.keys(entity?.properties ?? {}))
          expect(kindBlueprints[kind]?.schema.properties).toHaveProperty(property);
        for (const relation of Object.keys(entity?.relations ?? {}))
          expect(kindBlueprints[kind]?.relations).toHaveProperty(relation);
      }
    },
  );
});
