/**
 * Replicas on PostgreSQL (issue 8 point 4): two `portolan serve` processes share one PostgreSQL
 * database — one inbox — behind a round-robin relay that spreads GitHub's deliveries over both. Many
 * repositories are created and renamed again and again at once, so each repository's events (one
 * group: `repository:{id}`) interleave with the others'. Applying a `repository` event re-reads the
 * repository under the name the event carries, so the order in which each replica's GitHub requests
 * reach the simulator (through one recording relay per replica) is the order the events were applied.
 *
 * Asserted: every event applied, none failed; both replicas received deliveries and applied events;
 * per group, the events were applied in the order the inbox received them; groups ran in parallel
 * (re-reads of different repositories in flight at once); the catalog ends with each repository under
 * its last name only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { createPostgresDatabase } from "../support/databases.js";
import { type LoopbackRelay, type RelayedRequest, startLoopbackRelay } from "../support/loopback-relay.js";
import { controlSimulator } from "../support/simulator-control.js";
import { freePort, GiveUp, waitFor } from "../support/wait-for.js";

const ADMIN_PASSWORD = "replica test admin password";
const BIN = fileURLToPath(new URL("../../bin/portolan.js", import.meta.url));
const REPOSITORIES = 10;
/** Names per repository: created under the first, renamed to each of the others. */
const NAMES = 6;
/**
 * How long the GitHub relays hold a repository re-read: long enough that a group's later events are
 * queued while an earlier one is applied, and that work of different groups overlaps.
 */
const REREAD_HOLD_MS = 400;

const nameOf = (repository: number, version: number) => `replica-${repository}-v${version}`;

interface Replica {
  name: "a" | "b";
  port: number;
  process: ChildProcess;
  session?: string;
}

describe("replicas sharing one PostgreSQL inbox", () => {
  let simulator: RunningSimulator;
  let database: { url: string; drop(): Promise<void> };
  const relays: LoopbackRelay[] = [];
  const replicas: Replica[] = [];
  const workDir = mkdtempSync(join(tmpdir(), "portolan-replicas-"));
  const mappingFile = join(workDir, "mapping.yml");
  writeFileSync(mappingFile, demoMapping(defaultMapping, ["repository"]));
  const webhookSecret = randomBytes(16).toString("hex");
  // Replicas share the key that encrypts stored secrets, as they share the database.
  const secretKey = randomBytes(32).toString("base64");

  /** Every request the replicas made to GitHub, in the order they reached the relays. */
  const githubRequests: Array<RelayedRequest & { phase: "arrived" | "answered" }> = [];
  const log = {
    arrived: (request: RelayedRequest) => githubRequests.push({ ...request, phase: "arrived" }),
    answered: (request: RelayedRequest) => githubRequests.push({ ...request, phase: "answered" }),
  };
  /** Which replica each delivery went to. */
  const deliveriesTo: Record<string, number> = {};

  /** The repository name a re-read asks for (`GET /repos/{org}/{name}`), if the path is one. */
  function rereadName(path: string): string | undefined {
    const match = /^\/repos\/([^/]+)\/([^/?]+)(\?.*)?$/.exec(path);
    return match && match[1] === simulator.organization ? decodeURIComponent(match[2] as string) : undefined;
  }

  function serve(
    replica: Pick<Replica, "name" | "port">,
    githubUrl: string,
    webhookUrl: string,
  ): ChildProcess {
    return spawn(
      process.execPath,
      [
        BIN,
        "serve",
        "--config",
        join(workDir, "absent-config.yaml"),
        "--mapping",
        mappingFile,
        "--data-dir",
        join(workDir, replica.name),
        "--port",
        String(replica.port),
        // The first replica resyncs; the second only serves, as a replica added later would.
        ...(replica.name === "a" ? [] : ["--no-resync-on-start"]),
      ],
      {
        env: {
          ...process.env,
          LOG_LEVEL: "error",
          DATABASE_URL: database.url,
          PORTOLAN_SECRET_KEY: secretKey,
          PORTOLAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
          OCEAN__BASE_URL: webhookUrl,
          OCEAN__EVENT_WORKERS_COUNT: "4",
          OCEAN__INTEGRATION__IDENTIFIER: "replica-test",
          OCEAN__INTEGRATION__CONFIG__GITHUB_HOST: githubUrl,
          OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: simulator.adminToken,
          OCEAN__INTEGRATION__CONFIG__GITHUB_ORGANIZATION: simulator.organization,
          OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET: webhookSecret,
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
  }

  async function api<T>(replica: Replica, path: string): Promise<T> {
    if (replica.process.exitCode !== null) throw new GiveUp(`replica ${replica.name} exited`);
    const base = `http://127.0.0.1:${replica.port}`;
    if (!replica.session && path !== "/healthz") {
      const signIn = await fetch(`${base}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
      });
      if (!signIn.ok) throw new Error(`sign-in → ${signIn.status}`);
      replica.session = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    }
    const response = await fetch(`${base}${path}`, {
      headers: replica.session ? { cookie: replica.session } : {},
    });
    if (!response.ok) throw new Error(`${path} → ${response.status}`);
    return (await response.json()) as T;
  }

  /** Creates or renames through the simulator's control API; answers the deliveries it caused. */
  async function control(method: string, path: string, body: unknown): Promise<string[]> {
    return (await controlSimulator<{ deliveries: string[] }>(simulator, method, path, body)).deliveries;
  }

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 21, port: 0, logger: false });
    database = await createPostgresDatabase();
    const ports = [await freePort(), await freePort()];
    let next = 0;
    const balancer = await startLoopbackRelay({
      name: "deliveries",
      target: () => `http://127.0.0.1:${ports[next++ % ports.length]}`,
      log: {
        arrived: (request) => {
          deliveriesTo[request.target] = (deliveriesTo[request.target] ?? 0) + 1;
        },
        answered: () => undefined,
      },
    });
    relays.push(balancer);
    for (const [index, name] of (["a", "b"] as const).entries()) {
      const github = await startLoopbackRelay({
        name,
        target: () => simulator.url,
        log,
        holdMs: (request) => (rereadName(request.path)?.startsWith("replica-") ? REREAD_HOLD_MS : 0),
      });
      relays.push(github);
      const port = ports[index] as number;
      const replica: Replica = { name, port, process: serve({ name, port }, github.url, balancer.url) };
      replicas.push(replica);
      if (name === "a") {
        await waitFor(
          "replica a and its first resync",
          async () => {
            const { resyncs } = await api<{ resyncs: Array<{ status: string }> }>(replica, "/api/v1/resyncs");
            return resyncs.some((resync) => resync.status === "completed") ? true : undefined;
          },
          120_000,
        );
      } else {
        await waitFor("replica b", () => api<{ status: string }>(replica, "/healthz"), 120_000);
      }
    }
  }, 300_000);

  afterAll(async () => {
    for (const replica of replicas) replica.process.kill("SIGTERM");
    await Promise.all(
      replicas.map(
        (replica) =>
          replica.process.exitCode !== null ||
          new Promise((resolve) => replica.process.once("exit", resolve)),
      ),
    );
    for (const relay of relays) await relay.close();
    await simulator?.close();
    await database?.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("apply each group in order, groups in parallel, with deliveries and work spread over both", async () => {
    const [first] = replicas as [Replica, Replica];
    // Which re-read each delivery causes: the repository under the name the event carries.
    const nameOfDelivery = new Map<string, string>();
    const record = (deliveries: string[], name: string) => {
      for (const id of deliveries) nameOfDelivery.set(id, name);
    };
    const repositories = Array.from({ length: REPOSITORIES }, (_, index) => index);
    await Promise.all(
      repositories.map(async (repository) =>
        record(
          await control("POST", `/orgs/${simulator.organization}/repos`, { name: nameOf(repository, 0) }),
          nameOf(repository, 0),
        ),
      ),
    );
    for (let version = 1; version < NAMES; version++) {
      await Promise.all(
        repositories.map(async (repository) =>
          record(
            await control("PATCH", `/repos/${simulator.organization}/${nameOf(repository, version - 1)}`, {
              name: nameOf(repository, version),
            }),
            nameOf(repository, version),
          ),
        ),
      );
    }
    await simulator.whenIdle();
    expect(nameOfDelivery.size).toBe(REPOSITORIES * NAMES);

    interface Events {
      counts: Record<string, number>;
      recent: Array<{ deliveryId: string; groupKey: string; status: string }>;
    }
    const events = await waitFor(
      "both replicas to apply every delivery",
      async () => {
        const now = await api<Events>(first, "/api/v1/events?limit=500");
        return (now.counts.done ?? 0) >= nameOfDelivery.size && !now.counts.queued && !now.counts.processing
          ? now
          : undefined;
      },
      240_000,
    );
    expect(events.counts.failed ?? 0).toBe(0);
    const accepted = simulator.state.deliveries().filter((delivery) => nameOfDelivery.has(delivery.id));
    expect(accepted.every((delivery) => delivery.statusCode === 202)).toBe(true);

    // Deliveries spread over both replicas (the relay alternates), and both applied events.
    expect(Object.values(deliveriesTo)).toHaveLength(2);
    for (const count of Object.values(deliveriesTo)) expect(count).toBeGreaterThan(0);
    const ourNames = new Set(nameOfDelivery.values());
    const rereads = githubRequests.filter(
      (request) =>
        request.phase === "arrived" &&
        request.method === "GET" &&
        ourNames.has(rereadName(request.path) ?? ""),
    );
    expect(new Set(rereads.map((request) => request.via))).toEqual(new Set(["a", "b"]));

    // Per group, the order of application (the re-reads' order) is the inbox's order of arrival.
    const arrival = events.recent.filter((delivery) => nameOfDelivery.has(delivery.deliveryId)).reverse();
    expect(arrival).toHaveLength(nameOfDelivery.size);
    const expectedPerGroup = new Map<string, string[]>();
    for (const delivery of arrival) {
      const names = expectedPerGroup.get(delivery.groupKey) ?? [];
      names.push(nameOfDelivery.get(delivery.deliveryId) as string);
      expectedPerGroup.set(delivery.groupKey, names);
    }
    expect(expectedPerGroup.size).toBe(REPOSITORIES);
    const groupOfName = new Map<string, string>();
    for (const [group, expected] of expectedPerGroup) {
      for (const name of expected) groupOfName.set(name, group);
      const names = new Set(expected);
      const applied = rereads
        .map((request) => rereadName(request.path) as string)
        .filter((name) => names.has(name));
      expect(applied, `group ${group}`).toEqual(expected);
    }

    // One event of a group at a time, across both replicas: a group's re-read never starts before
    // the previous one was answered. Groups ran in parallel: re-reads of several groups were in flight.
    const inFlight = new Map<string, number>();
    const overlapsWithinGroup: string[] = [];
    let mostGroupsAtOnce = 0;
    for (const request of githubRequests) {
      const group = request.method === "GET" ? groupOfName.get(rereadName(request.path) ?? "") : undefined;
      if (group === undefined) continue;
      const running = inFlight.get(group) ?? 0;
      if (request.phase === "arrived" && running > 0) overlapsWithinGroup.push(`${group} ${request.path}`);
      inFlight.set(group, running + (request.phase === "arrived" ? 1 : -1));
      mostGroupsAtOnce = Math.max(
        mostGroupsAtOnce,
        [...inFlight.values()].filter((count) => count > 0).length,
      );
    }
    expect(overlapsWithinGroup).toEqual([]);
    expect(mostGroupsAtOnce).toBeGreaterThan(1);

    // The catalog ends with each repository under its last name only.
    const { entities } = await api<{ entities: Array<{ identifier: string }> }>(
      first,
      "/api/v1/blueprints/githubRepository/entities?search=replica-&limit=1000",
    );
    expect(entities.map((entity) => entity.identifier).sort()).toEqual(
      repositories.map((repository) => nameOf(repository, NAMES - 1)).sort(),
    );
  }, 400_000);
});
