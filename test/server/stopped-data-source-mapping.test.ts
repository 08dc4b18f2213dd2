import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPortolan, startPortolan } from "../../src/cli/start-portolan.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { callJsonApi } from "../support/call-json-api.js";
import {
  MAPPING_OF_AN_OLDER_VERSION,
  STARTING_MAPPING,
  storeDataSourceStoppedByItsMapping,
} from "../support/data-source-stopped-by-its-mapping.js";
import { eventually } from "../support/wait-for.js";

const MAPPING = STARTING_MAPPING;
const BROKEN = MAPPING_OF_AN_OLDER_VERSION;
const ID = "stopped-by-its-mapping";

/**
 * A stored data source that does not start because of its mapping (here a kept version naming a kind
 * the integration does not offer, as after an upgrade) keeps its mapping editable: the API serves,
 * checks and tests it, refuses an invalid one without storing it, and saving a valid one starts the
 * data source again with it.
 */
describe("the mapping of a stored data source that did not start", () => {
  let simulator: RunningSimulator;
  let dataDir: string;
  let portolan: RunningPortolan;
  let token: string;

  const settings = () => ({
    dataDir,
    secretKey: Buffer.alloc(32, 7).toString("base64"),
    adminPassword: "stopped data source admin password",
  });

  const api = <T = { error: { code: string; message: string; hint?: string } }>(
    method: string,
    path: string,
    body?: unknown,
  ) => callJsonApi<T>(`${portolan.url}${path}`, { authorization: `Bearer ${token}` }, method, body);

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 41, port: 0, logger: false });
    dataDir = mkdtempSync(join(tmpdir(), "portolan-stopped-mapping-"));
    const stored = await storeDataSourceStoppedByItsMapping({
      simulator,
      name: "Stopped by its mapping",
      settings: settings(),
    });
    expect(stored).toBe(ID);
    portolan = await startPortolan({
      settings: settingsSchema.parse({ port: 0, ...settings() }),
      logger: silentLogger(),
    });
    ({ token } = await portolan.auth.issueToken("account:admin", "session", 3600));
  });
  afterAll(async () => {
    await portolan?.close();
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("says it failed because of its mapping, and that the mapping can be edited", async () => {
    const view = await portolan.dataSources.get(ID);
    expect(view.status).toMatchObject({
      state: "failed",
      mappingEditable: true,
      error: { code: "MAPPING_UNKNOWN_KIND" },
    });
    const listed = await api<{ dataSources: Array<{ id: string }> }>("GET", "/api/v1/mapping/data-sources");
    expect(listed.body.dataSources.map((dataSource) => dataSource.id)).toEqual([ID]);
  });

  it("serves the mapping the start used and checks it against the integration", async () => {
    const mapping = await api<{ text: string; versions: Array<{ version: number }> }>(
      "GET",
      `/api/v1/data-sources/${ID}/mapping`,
    );
    expect(mapping.status).toBe(200);
    expect(mapping.body.text).toBe(BROKEN);
    expect(mapping.body.versions.map((version) => version.version)).toEqual([2, 1]);
    const check = await api<{ valid: boolean; problems: Array<{ code: string; line?: number }> }>(
      "POST",
      `/api/v1/data-sources/${ID}/mapping/validate`,
      { text: BROKEN },
    );
    expect(check.body.valid).toBe(false);
    expect(check.body.problems.map((problem) => problem.code)).toContain("MAPPING_UNKNOWN_KIND");
  });

  it("refuses an invalid mapping without storing it or starting anything", async () => {
    const refused = await api<{ error: { code: string }; problems: Array<{ code: string }> }>(
      "PUT",
      `/api/v1/data-sources/${ID}/mapping`,
      { text: BROKEN.replace("kind: organization", "kind: organisations") },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("MAPPING_UNKNOWN_KIND");
    const versions = await api<{ versions: Array<{ version: number }> }>(
      "GET",
      `/api/v1/data-sources/${ID}/mapping`,
    );
    expect(versions.body.versions.map((version) => version.version)).toEqual([2, 1]);
    expect((await portolan.dataSources.get(ID)).status.state).toBe("failed");
  });

  it("tests a resource of the edited mapping on the raw examples the data source kept", async () => {
    const tested = await api<{ source: string; results: Array<{ entities: unknown[] }> }>(
      "POST",
      "/api/v1/mapping/test",
      { dataSource: ID, text: MAPPING, kind: "repository" },
    );
    expect(tested.status).toBe(200);
    expect(tested.body.source).toBe("raw examples");
    expect(tested.body.results.length).toBeGreaterThan(0);
    expect(tested.body.results.every((result) => result.entities.length === 1)).toBe(true);
  });

  it("starts the data source again with a valid mapping saved, as its newest version", async () => {
    const saved = await api<{ version: { version: number } }>("PUT", `/api/v1/data-sources/${ID}/mapping`, {
      text: MAPPING,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version.version).toBe(3);
    expect((await portolan.dataSources.get(ID)).status).toEqual({ state: "running" });
    const running = portolan.dataSources.dataSource(ID);
    expect(running?.currentMappingText).toBe(MAPPING);
    await eventually(async () => {
      const history = await running?.history.list(ID);
      expect(history?.[0]).toMatchObject({ trigger: "start", status: "completed" });
    }, 60_000);
  });
});
