import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { startPortolan } from "../../src/cli/start-portolan.js";
import { PortolanError } from "../../src/engine/errors/portolan-error.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";

const MAPPING = demoMapping(defaultMapping, ["organization"]);

/** Stored data sources across restarts of Portolan on an embedded store in a data directory. */
describe("startPortolan with stored data sources", () => {
  let simulator: RunningSimulator;
  let dataDir: string;
  const key = randomBytes(32).toString("base64");

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 3, port: 0, logger: false });
    dataDir = mkdtempSync(join(tmpdir(), "portolan-data-sources-"));
  });
  afterAll(async () => {
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(secretKey: string) {
    return startPortolan({
      settings: settingsSchema.parse({
        integration: {
          identifier: "github",
          type: "github",
          config: { githubHost: simulator.url, githubToken: simulator.adminToken },
        },
        port: 0,
        dataDir,
        secretKey,
        adminPassword: "restart admin password",
      }),
      logger: silentLogger(),
      mapping: () => MAPPING,
    });
  }

  it("starts every stored data source again at start, and refuses a wrong key without changing anything", async () => {
    const first = await start(key);
    try {
      const created = await first.dataSources.create({
        name: "Kept across restarts",
        integration: "github",
        installationMethod: "scheduled",
        integrationSettings: {
          githubHost: simulator.url,
          githubToken: simulator.adminToken,
          githubOrganization: simulator.organization,
        },
        mapping: MAPPING,
      });
      expect(created.status).toEqual({ state: "running" });
      await first.dataSources.dataSource(created.id)?.resyncs.settle();
    } finally {
      await first.close();
    }

    const wrong = await start(randomBytes(32).toString("hex")).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(wrong).toBeInstanceOf(PortolanError);
    expect((wrong as PortolanError).code).toBe("SECRET_KEY_MISMATCH");

    const second = await start(key);
    try {
      const [fromSettings, stored] = await second.dataSources.list();
      expect(fromSettings).toMatchObject({ id: "github", readOnly: true });
      expect(stored).toMatchObject({
        id: "kept-across-restarts",
        status: { state: "running" },
        secrets: { githubToken: "set" },
      });
      const running = second.dataSources.dataSource("kept-across-restarts");
      await running?.resyncs.settle();
      const history = await running?.history.list("kept-across-restarts");
      expect(history?.map((resync) => [resync.trigger, resync.status])).toEqual([
        ["start", "completed"],
        ["start", "completed"],
      ]);
    } finally {
      await second.close();
    }
  });
});
