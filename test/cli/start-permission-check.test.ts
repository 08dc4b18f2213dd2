/**
 * The permission check at start against the simulator: a classic token issued with fewer scopes is
 * refused before any sync (`require`, as `demo` and `sync` do), and `serve` (`report`) keeps running
 * with `/healthz` naming the missing scopes and the kinds they block.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPortolan, startPortolan } from "../../src/cli/start-portolan.js";
import { isPortolanError } from "../../src/engine/errors/portolan-error.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";

const MAPPING = `resources:
${["repository", "user", "team", "dependabot-alert"]
  .map(
    (kind) => `  - kind: ${kind}
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .name
          blueprint: '"githubRepository"'
`,
  )
  .join("")}`;

let simulator: RunningSimulator;
let narrowToken: string;
const running: RunningPortolan[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ seed: 3, port: 0, logger: false });
  const owner = (await (
    await fetch(`${simulator.url}/user`, { headers: { authorization: `Bearer ${simulator.adminToken}` } })
  ).json()) as { login: string };
  const issued = await fetch(`${simulator.url}/_simulator/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: owner.login, scopes: ["read:user"] }),
  });
  narrowToken = ((await issued.json()) as { token: string }).token;
});
afterAll(async () => {
  for (const portolan of running) await portolan.close();
  await simulator?.close();
});

function start(token: string, missingPermissions: "report" | "require"): Promise<RunningPortolan> {
  const settings = settingsSchema.parse({
    integration: {
      identifier: "permission-check",
      type: "github",
      config: { githubHost: simulator.url, githubToken: token, githubOrganization: simulator.organization },
    },
    port: 0,
    adminPassword: "permission check admin",
  });
  return startPortolan({
    settings,
    logger: silentLogger(),
    mapping: () => MAPPING,
    inMemory: true,
    missingPermissions,
  }).then((portolan) => {
    running.push(portolan);
    return portolan;
  });
}

describe("permission check at start", () => {
  it("refuses to start, before any sync, naming each missing scope and the kinds it blocks", async () => {
    const error = await start(narrowToken, "require").then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isPortolanError(error) && error.code).toBe("GITHUB_PERMISSIONS_INSUFFICIENT");
    const message = (error as Error).message;
    expect(message).toContain("classic token lacks the `read:org` scope — needed by kinds user, team");
    expect(message).toContain(
      "classic token lacks one of the scopes `security_events`, `repo`, `public_repo` — needed by kind dependabot-alert",
    );
    expect(message).not.toContain("repository;");
  });

  it("serve keeps running and /healthz shows the missing scopes", async () => {
    const portolan = await start(narrowToken, "report");
    const response = await fetch(`${portolan.url}/healthz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: { source: string } };
    expect(body.checks.source).toContain("GITHUB_PERMISSIONS_INSUFFICIENT");
    expect(body.checks.source).toContain("`read:org`");
  });

  it("a token with every needed scope starts and is healthy", async () => {
    const portolan = await start(simulator.adminToken, "require");
    const response = await fetch(`${portolan.url}/healthz`);
    expect(await response.json()).toMatchObject({ status: "ok", checks: { source: "ok" } });
  });
});
