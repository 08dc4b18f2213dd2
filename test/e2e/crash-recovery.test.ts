import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { PORTOLAN_BIN } from "../support/run-portolan.js";
import { controlSimulator } from "../support/simulator-control.js";
import { freePort, GiveUp, waitFor } from "../support/wait-for.js";

const ADMIN_PASSWORD = "crash test admin password";

/**
 * Nothing lost: `portolan serve` is killed with SIGKILL while webhook deliveries are queued and in
 * flight, restarted on the same data directory, and every delivery it had accepted (202) is applied;
 * the ones refused while it was down are redelivered at start and applied too.
 */
describe("crash recovery of live events", () => {
  let simulator: RunningSimulator;
  let child: ChildProcess | undefined;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), "portolan-crash-"));
  const secret = randomBytes(16).toString("hex");
  const mappingFile = join(mkdtempSync(join(tmpdir(), "portolan-crash-mapping-")), "mapping.yml");
  writeFileSync(mappingFile, demoMapping(defaultMapping, ["organization", "repository"]));

  /** Starts `portolan serve`; the restart skips the start-up resync so only the inbox can bring the events back. */
  function serve(resyncOnStart: boolean): ChildProcess {
    const process_ = spawn(
      process.execPath,
      [
        PORTOLAN_BIN,
        "serve",
        "--config",
        `${mappingFile}.absent-config.yaml`,
        "--mapping",
        mappingFile,
        "--data-dir",
        dataDir,
        "--port",
        String(port),
        ...(resyncOnStart ? [] : ["--no-resync-on-start"]),
      ],
      {
        env: {
          ...process.env,
          LOG_LEVEL: "error",
          OCEAN__BASE_URL: `http://127.0.0.1:${port}`,
          OCEAN__EVENT_WORKERS_COUNT: "4",
          OCEAN__INTEGRATION__IDENTIFIER: "crash-test",
          OCEAN__INTEGRATION__CONFIG__GITHUB_HOST: simulator.url,
          OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: simulator.adminToken,
          OCEAN__INTEGRATION__CONFIG__GITHUB_ORGANIZATION: simulator.organization,
          OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET: secret,
          PORTOLAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    return process_;
  }

  /** Signs in once; the session lives in the store, so it survives the restart too. */
  let session: string | undefined;
  async function api<T>(path: string): Promise<T> {
    if (!session && path !== "/healthz") {
      const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
      });
      if (!signIn.ok) throw new Error(`sign-in → ${signIn.status}`);
      session = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    }
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: session ? { cookie: session } : {},
    });
    if (!response.ok) throw new Error(`${path} → ${response.status}`);
    return (await response.json()) as T;
  }

  async function ready(): Promise<void> {
    await waitFor("the server and its first resync", async () => {
      if (child?.exitCode !== null) throw new GiveUp(`portolan serve exited with ${child?.exitCode}`);
      const { resyncs } = await api<{ resyncs: Array<{ status: string }> }>("/api/v1/resyncs");
      return resyncs.some((resync) => resync.status === "completed") ? true : undefined;
    });
  }

  async function repositoryNames(): Promise<Set<string>> {
    const { entities } = await api<{ entities: Array<{ identifier: string }> }>(
      "/api/v1/blueprints/githubRepository/entities?limit=1000",
    );
    return new Set(entities.map((entity) => entity.identifier));
  }

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 3, port: 0, logger: false });
    port = await freePort();
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await simulator?.close();
  });

  it("applies every accepted delivery after a SIGKILL and a restart", async () => {
    child = serve(true);
    await ready();
    const names = Array.from({ length: 40 }, (_, index) => `crash-${index}`);
    const creations = names.map((name) =>
      controlSimulator<{ deliveries: string[] }>(simulator, "POST", `/orgs/${simulator.organization}/repos`, {
        name,
      }),
    );
    // Which delivery announced which repository: the control API answers with the deliveries it caused.
    const repositoryOfDelivery = new Map<string, string>();
    for (const [index, body] of (await Promise.all(creations)).entries()) {
      for (const id of body.deliveries) repositoryOfDelivery.set(id, names[index] as string);
    }
    // Kill as soon as a few of these deliveries were accepted (not counting earlier ones, the hook's
    // ping): the rest are queued, in flight, or refused.
    await waitFor("some accepted deliveries", async () => {
      const accepted = simulator.state
        .deliveries()
        .filter((delivery) => delivery.statusCode === 202 && repositoryOfDelivery.has(delivery.id));
      return accepted.length >= 5 ? true : undefined;
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));
    await simulator.whenIdle();

    const acceptedNames = simulator.state
      .deliveries()
      .filter((delivery) => delivery.statusCode === 202 && repositoryOfDelivery.has(delivery.id))
      .map((delivery) => repositoryOfDelivery.get(delivery.id) as string);
    expect(acceptedNames.length).toBeGreaterThanOrEqual(5);

    child = serve(false);
    await waitFor("the restarted server", () => api<{ status: string }>("/healthz"));
    await waitFor("the inbox to drain", async () => {
      const { counts } = await api<{ counts: Record<string, number> }>("/api/v1/events");
      return !counts.queued && !counts.processing ? counts : undefined;
    });
    const { counts } = await api<{ counts: Record<string, number> }>("/api/v1/events");
    expect(counts.failed ?? 0).toBe(0);
    const identifiers = await repositoryNames();
    for (const name of acceptedNames)
      expect(identifiers.has(name), `${name} was accepted but is missing`).toBe(true);
    // The deliveries refused while it was down are redelivered at start (missed-delivery recovery):
    // in the end every repository is there, each event applied once (the hook's ping is not stored).
    const all = await waitFor(
      "the missed deliveries to be redelivered and applied",
      async () => {
        const { counts: now } = await api<{ counts: Record<string, number> }>("/api/v1/events");
        return now.done === names.length && !now.queued && !now.processing ? now : undefined;
      },
      90_000,
    );
    expect(all.failed ?? 0).toBe(0);
    const recovered = await repositoryNames();
    for (const name of names) expect(recovered.has(name), `${name} is missing`).toBe(true);
  }, 180_000);
});
