import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTOLAN_VERSION } from "../../src/engine/portolan-version.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { runPortolan, syncAgainstSimulator } from "../support/run-portolan.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

const portolan = (args: string[], env: NodeJS.ProcessEnv) => runPortolan(args, { env });

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
    const sync = syncAgainstSimulator(simulator, "portolan-sync-port-");
    args = sync.args;
    env = {
      ...sync.env,
      PORT_CLIENT_ID: clientId,
      PORT_CLIENT_SECRET: clientSecret,
      PORT_BASE_URL: port.url,
    };
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
