import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../src/engine/settings/load-settings.js";
import { requireWebhookSecret } from "../../../src/engine/settings/require-webhook-secret.js";

const noFile = join(tmpdir(), "portolan-no-such-config.yaml");

function settings(environment: NodeJS.ProcessEnv) {
  return loadSettings({ configFile: noFile, environment });
}

describe("requireWebhookSecret", () => {
  it("refuses a registered webhook (baseUrl set) without webhookSecret, naming the setting and how to set it", () => {
    const run = () => requireWebhookSecret(settings({ OCEAN__BASE_URL: "https://portolan.example.com" }));
    expect(run).toThrowError(
      expect.objectContaining({
        code: "SETTINGS_WEBHOOK_SECRET_REQUIRED",
        where: { source: "settings", path: "integration.config.webhookSecret" },
        hint: expect.stringContaining("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET"),
      }),
    );
  });

  it("refuses a blank secret or one of the wrong type", () => {
    for (const value of ["   ", "[1]"]) {
      const run = () =>
        requireWebhookSecret(
          settings({
            OCEAN__BASE_URL: "https://x.example.com",
            OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET: value,
          }),
        );
      expect(run).toThrowError(
        expect.objectContaining({
          code: "SETTINGS_WEBHOOK_SECRET_REQUIRED",
          message: "webhookSecret must be non-empty text",
        }),
      );
    }
  });

  it("refuses a secret taken from an environment variable that is not set", () => {
    const file = join(mkdtempSync(join(tmpdir(), "portolan-settings-")), "config.yaml");
    writeFileSync(
      file,
      "baseUrl: https://x.example.com\nintegration:\n  config:\n    webhookSecret: '{{ from env HOOK_SECRET }}'\n",
    );
    const run = () => requireWebhookSecret(loadSettings({ configFile: file, environment: {} }));
    expect(run).toThrowError(expect.objectContaining({ code: "SETTINGS_WEBHOOK_SECRET_REQUIRED" }));
  });

  it("accepts a secret, and no secret when no webhook is registered", () => {
    expect(() =>
      requireWebhookSecret(
        settings({
          OCEAN__BASE_URL: "https://x.example.com",
          OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET: "s3cret",
        }),
      ),
    ).not.toThrow();
    expect(() => requireWebhookSecret(settings({}))).not.toThrow();
  });
});

describe("loadSettings on bad input", () => {
  it("refuses wrong types with SETTINGS_INVALID naming the setting and its environment variable", () => {
    for (const [name, value, path] of [
      ["OCEAN__EVENT_WORKERS_COUNT", "many", "eventWorkersCount"],
      ["OCEAN__PORT", "http", "port"],
      ["OCEAN__BASE_URL", "not a url", "baseUrl"],
      ["OCEAN__SEND_RAW_DATA_EXAMPLES", "perhaps", "sendRawDataExamples"],
      ["OCEAN__INTEGRATION__CONFIG", "[1, 2]", "integration.config"],
    ] as const) {
      expect(() => settings({ [name]: value }), name).toThrowError(
        expect.objectContaining({ code: "SETTINGS_INVALID", where: { source: "settings", path } }),
      );
    }
  });

  it("refuses an alias bomb in config.yaml as SETTINGS_SYNTAX without expanding it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const file = join(mkdtempSync(join(tmpdir(), "portolan-settings-")), "config.yaml");
    writeFileSync(file, `${levels.join("\n")}\n`);
    expect(() => loadSettings({ configFile: file, environment: {} })).toThrowError(
      expect.objectContaining({ code: "SETTINGS_SYNTAX", where: { source: file } }),
    );
  });
});
