import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { PORTOLAN_VERSION } from "../../src/engine/portolan-version.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

const BIN = fileURLToPath(new URL("../../bin/portolan.js", import.meta.url));

/** Runs the built `portolan` command (npm test builds before it runs the tests). */
function portolan(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("portolan sync with PORT_CLIENT_ID / PORT_CLIENT_SECRET / PORT_BASE_URL", () => {
  let simulator: RunningSimulator;
  let port: TestServer;
  let env: NodeJS.ProcessEnv;
  let args: string[];

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 3, port: 0, logger: false });
    // Another Portolan plays Port: its /v1 API receives the writes.
    port = await startTestServer();
    const { clientId, clientSecret } = await port.auth.createClient("sync");
    const directory = mkdtempSync(join(tmpdir(), "portolan-sync-port-"));
    const mapping = join(directory, "mapping.yml");
    writeFileSync(mapping, demoMapping(defaultMapping, ["organization", "repository"]));
    env = {
      OCEAN__INTEGRATION__CONFIG__GITHUB_HOST: simulator.url,
      OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: simulator.adminToken,
      OCEAN__INTEGRATION__CONFIG__GITHUB_ORGANIZATION: simulator.organization,
      PORT_CLIENT_ID: clientId,
      PORT_CLIENT_SECRET: clientSecret,
      PORT_BASE_URL: port.url,
    };
    args = [
      "--config",
      join(directory, "none.yaml"),
      "--mapping",
      mapping,
      "--data-dir",
      join(directory, "data"),
    ];
  });
  afterAll(async () => {
    await port.close();
    await simulator.close();
  });

  it("plans against Port, writes there owned by its User-Agent, and finds nothing to do the second time", async () => {
    const plan = await portolan(["sync", "--plan", "--json", ...args], env);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout.trim());
    expect(planned.kinds.organization.create).toBe(1);

    const sync = await portolan(["sync", "--json", ...args], env);
    expect(sync.code, sync.stderr).toBe(0);
    const first = JSON.parse(sync.stdout.trim());
    expect(first.status).toBe("completed");
    expect(first.kinds.repository.upserted).toBe(planned.kinds.repository.create);
    const { entities } = await port.catalog.listEntities("githubRepository", { limit: 1000, offset: 0 });
    expect(entities).toHaveLength(planned.kinds.repository.create);
    const owners = new Set(entities.map((entity) => entity.dataSource));
    expect([...owners]).toEqual([`port-ocean/github/${PORTOLAN_VERSION}/github/exporter`]);

    const again = await portolan(["sync", "--json", ...args], env);
    const second = JSON.parse(again.stdout.trim());
    expect(second.kinds.repository).toMatchObject({
      upserted: 0,
      unchanged: planned.kinds.repository.create,
    });
    expect(second.deletion.candidates).toBe(0);
  }, 120_000);
});
