import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseCatalog } from "../../../src/engine/catalog/choose-catalog.js";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { PortApiCatalog } from "../../../src/engine/catalog/port-api-catalog.js";
import { loadSettings } from "../../../src/engine/settings/load-settings.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";

const NO_FILE = "/nonexistent/config.yaml";

describe("Port's API as the catalog target", () => {
  let store: TestDatabase;

  beforeAll(async () => {
    const factory = databaseFactories[0];
    if (!factory) throw new Error("no pglite factory");
    store = await factory.create();
  });
  afterAll(async () => {
    await store.dispose();
  });

  it("reads PORT_CLIENT_ID, PORT_CLIENT_SECRET and PORT_BASE_URL", () => {
    const settings = loadSettings({
      configFile: NO_FILE,
      environment: {
        PORT_CLIENT_ID: "id",
        PORT_CLIENT_SECRET: "secret",
        PORT_BASE_URL: "http://127.0.0.1:9",
      },
    });
    expect(settings.portApi).toEqual({
      clientId: "id",
      clientSecret: "secret",
      baseUrl: "http://127.0.0.1:9",
    });
  });

  it("reads Ocean's OCEAN__PORT__… names without disturbing the server's --port", () => {
    const settings = loadSettings({
      configFile: NO_FILE,
      environment: { OCEAN__PORT__CLIENT_ID: "id", OCEAN__PORT__CLIENT_SECRET: "secret" },
      overrides: { port: 0 },
    });
    expect(settings.port).toBe(0);
    expect(settings.portApi).toEqual({
      clientId: "id",
      clientSecret: "secret",
      baseUrl: "https://api.getport.io",
    });
  });

  it("names Ocean's variable when the secret is missing", () => {
    expect(() => loadSettings({ configFile: NO_FILE, environment: { PORT_CLIENT_ID: "id" } })).toThrow(
      expect.objectContaining({
        code: "SETTINGS_INVALID",
        message: "Port's API needs PORT_CLIENT_SECRET too",
        hint: expect.stringContaining("OCEAN__PORT__CLIENT_SECRET"),
      }),
    );
  });

  it("writes to Port when its credentials are set, to the embedded catalog otherwise", () => {
    const embedded = new LocalCatalog(store.database);
    const local = loadSettings({ configFile: NO_FILE, environment: {} });
    expect(local.portApi).toBeUndefined();
    expect(chooseCatalog(local, embedded, store.database)).toBe(embedded);
    const port = loadSettings({
      configFile: NO_FILE,
      environment: { PORT_CLIENT_ID: "id", PORT_CLIENT_SECRET: "s" },
    });
    expect(chooseCatalog(port, embedded, store.database)).toBeInstanceOf(PortApiCatalog);
  });
});
