import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { runPortolan, syncAgainstSimulator } from "../support/run-portolan.js";
import { issueFineGrainedToken } from "../support/simulator-credentials.js";

/** `portolan ARGS` with the simulator's settings; stdout is a pipe, so progress comes as plain lines. */
const portolan = (args: string[], env: NodeJS.ProcessEnv) => runPortolan(args, { env });

describe("portolan sync", () => {
  let simulator: RunningSimulator;
  let env: NodeJS.ProcessEnv;
  let args: string[];
  /** The same arguments with a data directory of its own, so a test starts from an empty catalog. */
  let argsWithDataDir: (name: string) => string[];

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 3, port: 0, logger: false });
    ({ args, env, argsWithDataDir } = syncAgainstSimulator(simulator, "portolan-sync-"));
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("plans without writing, resyncs with plain progress lines, then finds nothing to do", async () => {
    const plan = await portolan(["sync", "--plan", "--json", ...args], env);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout.trim());
    expect(planned.kinds.organization.create).toBe(1);
    expect(planned.kinds.repository.create).toBeGreaterThan(0);

    const sync = await portolan(["sync", ...args], env);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/^organization: seen 1, upserted 1, unchanged 0, failed 0, deleted 0$/m);
    expect(sync.stdout).toMatch(
      new RegExp(`^repository: seen \\d+, upserted ${planned.kinds.repository.create},`, "m"),
    );
    expect(sync.stdout).not.toContain("\u001b[");
    expect(sync.stdout).toMatch(/completed; deletion: nothing stale/);

    const again = await portolan(["sync", "--json", ...args], env);
    expect(again.code, again.stderr).toBe(0);
    const lines = again.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? "");
    expect(summary.status).toBe("completed");
    expect(summary.kinds.repository.upserted).toBe(0);
    expect(summary.kinds.repository.unchanged).toBe(planned.kinds.repository.create);

    const replan = JSON.parse((await portolan(["sync", "--plan", "--json", ...args], env)).stdout.trim());
    expect(replan.kinds.repository).toMatchObject({ create: 0, update: 0, delete: 0 });
  }, 120_000);

  it("syncs as a GitHub App at a GitHub Enterprise Server URL, all settings from OCEAN__INTEGRATION__CONFIG__*", async () => {
    const app: NodeJS.ProcessEnv = {
      OCEAN__INTEGRATION__CONFIG__GITHUB_HOST: simulator.enterpriseUrl,
      OCEAN__INTEGRATION__CONFIG__GITHUB_APP_ID: String(simulator.credentials.appId),
      OCEAN__INTEGRATION__CONFIG__GITHUB_APP_PRIVATE_KEY: simulator.credentials.appPrivateKey,
      OCEAN__INTEGRATION__CONFIG__GITHUB_ORGANIZATION: simulator.organization,
      OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: "",
    };
    const sync = await portolan(["sync", "--json", ...argsWithDataDir("app")], app);
    expect(sync.code, sync.stderr).toBe(0);
    const summary = JSON.parse(sync.stdout.trim());
    expect(summary.status).toBe("completed");
    expect(summary.kinds.organization.upserted).toBe(1);
    expect(summary.kinds.repository.upserted).toBeGreaterThan(0);
  }, 120_000);

  it("stops before any sync when a fine-grained token lacks Contents for the repositories' included files", async () => {
    const token = await issueFineGrainedToken(simulator, { metadata: "read" });
    const sync = await portolan(["sync", ...argsWithDataDir("narrow")], {
      ...env,
      OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: token,
    });
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain("GITHUB_PERMISSIONS_INSUFFICIENT");
    expect(sync.stderr).toContain(
      "fine-grained token lacks Contents: Read — needed by kind repository (includedFiles); add it to the token at github.com/settings/personal-access-tokens",
    );
    expect(sync.stdout).not.toMatch(/^repository: seen/m);
  }, 120_000);
});
