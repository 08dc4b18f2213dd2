import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import type { RunningPortolan } from "../../src/cli/start-portolan.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { callJsonApi } from "../support/call-json-api.js";
import {
  type PortolanOnSimulator,
  scheduledDataSourceOn,
  startPortolanOnSimulator,
} from "../support/portolan-on-simulator.js";
import { eventually } from "../support/wait-for.js";

const MAPPING = demoMapping(defaultMapping, ["organization", "repository"]);
/** A jq expression that compiles but fails on every repository: a URL is not a number. */
const FAILING_URL = MAPPING.replace("url: .html_url", "url: .html_url | tonumber");

interface TestAnswer {
  kind: string;
  source: string;
  sendRawDataExamples: boolean;
  results: Array<{
    raw: Record<string, unknown>;
    entities: Array<{
      entity: { identifier: string; properties: Record<string, unknown> };
      errors: Array<{ field: string; message: string }>;
    }>;
    errors: Array<{ field: string; message: string }>;
  }>;
}

/**
 * The mapping editor's API for data sources stored in the database (no data source from settings):
 * validate, save (applied at once, kept as versions, the record follows), raw examples served per data
 * source and masked, the mapping test over them, and the "send raw data examples" setting respected.
 */
describe("mapping API of stored data sources", () => {
  let started: PortolanOnSimulator;
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;
  let token: string;

  beforeAll(async () => {
    started = await startPortolanOnSimulator({ seed: 31, adminPassword: "stored mapping admin password" });
    ({ simulator, portolan, token } = started);
  });
  afterAll(() => started?.close());

  const api = <T = { error: { code: string; message: string } }>(
    method: string,
    path: string,
    body?: unknown,
  ) => callJsonApi<T>(`${portolan.url}${path}`, { authorization: `Bearer ${token}` }, method, body);

  function source(name: string, sendRawDataExamples: boolean, mapping?: string) {
    return scheduledDataSourceOn(simulator, name, {
      applicationSettings: { resyncIntervalMinutes: 120, sendRawDataExamples },
      ...(mapping === undefined ? {} : { mapping }),
    });
  }

  async function completedResyncs(id: string): Promise<number> {
    const answer = await api<{ resyncs: Array<{ status: string }> }>(
      "GET",
      `/api/v1/data-sources/${id}/resyncs`,
    );
    return answer.body.resyncs.filter((resync) => resync.status === "completed").length;
  }

  it("creates a data source whose first mapping is kept as version 1, and lists it for the editor", async () => {
    const created = await api("POST", "/api/v1/data-sources", source("Acme mapping", true, MAPPING));
    expect(created.status).toBe(201);
    await eventually(async () => expect(await completedResyncs("acme-mapping")).toBe(1), 60_000);
    const list = await api<{ dataSources: Array<{ id: string; kinds: string[] }> }>(
      "GET",
      "/api/v1/mapping/data-sources",
    );
    expect(list.body.dataSources.map((dataSource) => dataSource.id)).toEqual(["acme-mapping"]);
    const mapping = await api<{ text: string; versions: Array<{ version: number; savedBy: string }> }>(
      "GET",
      "/api/v1/data-sources/acme-mapping/mapping",
    );
    expect(mapping.body.text).toBe(MAPPING);
    expect(mapping.body.versions).toEqual([
      expect.objectContaining({ version: 1, savedBy: "account:admin" }),
    ]);
  });

  it("checks a stored data source's mapping against its integration, each problem at its line", async () => {
    const bad = MAPPING.replace("- kind: repository", "- kind: repositorie");
    const line = bad.split("\n").findIndex((text) => text.includes("repositorie")) + 1;
    const check = await api<{ valid: boolean; problems: Array<{ code: string; line?: number }> }>(
      "POST",
      "/api/v1/data-sources/acme-mapping/mapping/validate",
      { text: bad },
    );
    expect(check.body.valid).toBe(false);
    expect(check.body.problems).toEqual([expect.objectContaining({ code: "MAPPING_UNKNOWN_KIND", line })]);
  });

  it("serves the data source's raw examples, masked, and tests a mapping over them field by field", async () => {
    const examples = await api<{ sendRawDataExamples: boolean; examples: Array<{ name: string }> }>(
      "GET",
      "/api/v1/data-sources/acme-mapping/raw-examples/repository",
    );
    expect(examples.status).toBe(200);
    expect(examples.body.sendRawDataExamples).toBe(true);
    expect(examples.body.examples.length).toBeGreaterThan(0);
    expect(JSON.stringify(examples.body)).not.toContain(simulator.adminToken);

    const test = await api<TestAnswer>("POST", "/api/v1/mapping/test", {
      dataSource: "acme-mapping",
      text: FAILING_URL,
      kind: "repository",
    });
    expect(test.status).toBe(200);
    expect(test.body.source).toBe("raw examples");
    expect(test.body.results.map((result) => result.raw.name)).toEqual(
      examples.body.examples.map((example) => example.name),
    );
    for (const result of test.body.results) {
      expect(result.entities[0]?.entity.identifier).toBe(result.raw.name);
      expect(result.entities[0]?.errors).toContainEqual({
        field: "properties.url",
        message: expect.stringContaining("cannot be parsed as a number"),
      });
    }
    const passing = await api<TestAnswer>("POST", "/api/v1/mapping/test", {
      dataSource: "acme-mapping",
      text: MAPPING,
      kind: "repository",
    });
    for (const result of passing.body.results) {
      expect(result.entities[0]?.errors.map((error) => error.field)).not.toContain("properties.url");
      expect(result.entities[0]?.entity.properties.url).toBe(result.raw.html_url);
    }

    const unknown = await api("GET", "/api/v1/data-sources/nope/raw-examples/repository");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("API_UNKNOWN_DATA_SOURCE");
    const badKind = await api("GET", "/api/v1/data-sources/acme-mapping/raw-examples/nonsense");
    expect(badKind.body.error.code).toBe("API_UNKNOWN_KIND");
  });

  it("applies a saved mapping at once, keeps it in the record, and keeps it when the form is saved", async () => {
    const changed = MAPPING.replace("title: .name", "title: .full_name");
    const saved = await api<{ version: { version: number } }>(
      "PUT",
      "/api/v1/data-sources/acme-mapping/mapping",
      {
        text: changed,
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.version.version).toBe(2);
    expect(portolan.dataSources.dataSource("acme-mapping")?.currentMappingText).toBe(changed);
    const record = await api<{ mapping: string }>("GET", "/api/v1/data-sources/acme-mapping");
    expect(record.body.mapping).toBe(changed);

    // The settings form leaves the mapping out: it stays, and no version is added.
    const formSave = await api<{ mapping: string }>(
      "PUT",
      "/api/v1/data-sources/acme-mapping",
      source("Acme mapping", true),
    );
    expect(formSave.status).toBe(200);
    expect(formSave.body.mapping).toBe(changed);
    await eventually(async () => expect(await completedResyncs("acme-mapping")).toBe(2), 60_000);
    const after = await api<{ text: string; versions: Array<{ version: number }> }>(
      "GET",
      "/api/v1/data-sources/acme-mapping/mapping",
    );
    expect(after.body.text).toBe(changed);
    expect(after.body.versions.map((version) => version.version)).toEqual([2, 1]);

    // A mapping sent with the form is a new version too, the one a restart uses.
    const withMapping = await api(
      "PUT",
      "/api/v1/data-sources/acme-mapping",
      source("Acme mapping", true, MAPPING),
    );
    expect(withMapping.status).toBe(200);
    const last = await api<{ text: string; versions: Array<{ version: number }> }>(
      "GET",
      "/api/v1/data-sources/acme-mapping/mapping",
    );
    expect(last.body.text).toBe(MAPPING);
    expect(last.body.versions.map((version) => version.version)).toEqual([3, 2, 1]);

    const refused = await api("PUT", "/api/v1/data-sources/acme-mapping/mapping", { text: "resources: 3" });
    expect(refused.status).toBe(400);
    expect(portolan.dataSources.dataSource("acme-mapping")?.currentMappingText).toBe(MAPPING);
  });

  it("serves no raw examples, and tests over none, while sending raw data examples is off", async () => {
    const off = await api("PUT", "/api/v1/data-sources/acme-mapping", source("Acme mapping", false));
    expect(off.status).toBe(200);
    const examples = await api<{ sendRawDataExamples: boolean; examples: unknown[] }>(
      "GET",
      "/api/v1/data-sources/acme-mapping/raw-examples/repository",
    );
    expect(examples.body).toEqual({ kind: "repository", sendRawDataExamples: false, examples: [] });
    const test = await api<TestAnswer>("POST", "/api/v1/mapping/test", {
      dataSource: "acme-mapping",
      text: MAPPING,
      kind: "repository",
    });
    expect(test.body.sendRawDataExamples).toBe(false);
    expect(test.body.results).toEqual([]);
  });

  it("forgets a deleted data source's versions: one created again under its name starts at version 1", async () => {
    await eventually(
      async () => expect(await completedResyncs("acme-mapping")).toBeGreaterThanOrEqual(3),
      60_000,
    );
    const removed = await api("DELETE", "/api/v1/data-sources/acme-mapping?entities=keep");
    expect(removed.status).toBe(200);
    const gone = await api("PUT", "/api/v1/data-sources/acme-mapping/mapping", { text: MAPPING });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("API_UNKNOWN_DATA_SOURCE");
    const again = await api("POST", "/api/v1/data-sources", source("Acme mapping", true, MAPPING));
    expect(again.status).toBe(201);
    const mapping = await api<{ versions: Array<{ version: number }> }>(
      "GET",
      "/api/v1/data-sources/acme-mapping/mapping",
    );
    expect(mapping.body.versions.map((version) => version.version)).toEqual([1]);
  });
});
