import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { PORTOLAN_BIN } from "../support/run-portolan.js";
import { eventually } from "../support/wait-for.js";

/** Polls until `check` passes (at most 30 s: a resync against the simulator on a shared machine). */

/**
 * The built `portolan serve` with a config.yaml naming no GitHub credentials: it starts, prints the
 * portal's address and a generated admin password, and is set up through the API alone.
 */
describe("portolan serve without GitHub credentials", () => {
  let simulator: RunningSimulator;
  let child: ChildProcessWithoutNullStreams;
  let stdout = "";
  let stderr = "";
  let url = "";
  let cookie = "";

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 29, port: 0, logger: false });
    const directory = mkdtempSync(join(tmpdir(), "portolan-serve-"));
    const config = join(directory, "config.yaml");
    writeFileSync(config, "eventWorkersCount: 1\n");
    // Only what the command needs: no GitHub or Ocean settings inherited from the machine.
    child = spawn(
      process.execPath,
      [PORTOLAN_BIN, "serve", "--config", config, "--data-dir", join(directory, "data"), "--port", "0"],
      { env: { PATH: process.env.PATH ?? "" }, stdio: ["pipe", "pipe", "pipe"] },
    );
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    await eventually(async () => {
      expect(stdout, stderr).toMatch(/Sign in as admin with password \S+/);
    });
    url = /Portal: (\S+)\//.exec(stdout)?.[1] ?? "";
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await simulator?.close();
  });

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it("signs in with the printed password, adds a data source, resyncs it and serves its entities", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const password = /Sign in as admin with password (\S+)/.exec(stdout)?.[1];
    const session = await fetch(`${url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password }),
    });
    expect(session.status).toBe(200);
    cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await api("GET", "/api/v1/data-sources")).body).toEqual({ dataSources: [] });

    const created = await api("POST", "/api/v1/data-sources", {
      name: "Acme",
      integration: "github",
      installationMethod: "scheduled",
      integrationSettings: {
        githubHost: simulator.url,
        githubToken: simulator.adminToken,
        githubOrganization: simulator.organization,
      },
      applicationSettings: { resyncIntervalMinutes: 60, sendRawDataExamples: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await eventually(async () => {
      const { body } = await api("GET", "/api/v1/data-sources/acme/resyncs");
      expect(body.resyncs[0]?.status).toBe("completed");
    });
    const organization = simulator.state.findAccount(simulator.organization);
    const repositories = simulator.state.repositoriesOwnedBy(organization?.id ?? -1);
    const entities = await api("GET", "/api/v1/blueprints/githubRepository/entities?limit=1000");
    expect(entities.body.entities).toHaveLength(repositories.length);
    expect((await api("GET", "/healthz")).status).toBe(200);
  }, 60_000);
});
