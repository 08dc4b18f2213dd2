import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PortolanError } from "../../../src/engine/errors/portolan-error.js";
import {
  camelCase,
  loadSettings,
  settingsFromEnvironment,
} from "../../../src/engine/settings/load-settings.js";

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "portolan-settings-")), "config.yaml");
  writeFileSync(file, text);
  return file;
}

describe("settings", () => {
  it("reads Ocean's environment names into camelCase settings", () => {
    expect(camelCase("GITHUB_TOKEN")).toBe("githubToken");
    expect(
      settingsFromEnvironment({
        OCEAN__EVENT_WORKERS_COUNT: "4",
        OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: "ghp_x",
        OCEAN__INTEGRATION__IDENTIFIER: "my-github",
        OCEAN__INTEGRATION__CONFIG: '{"githubOrganization":"acme"}',
        DATABASE_URL: "postgres://127.0.0.1/db",
        UNRELATED: "x",
      }),
    ).toEqual({
      eventWorkersCount: "4",
      integration: { identifier: "my-github", config: { githubOrganization: "acme" } },
      databaseUrl: "postgres://127.0.0.1/db",
    });
  });

  it("merges file, environment and flags, highest priority last, and applies defaults", () => {
    const file = configFile(
      [
        "eventWorkersCount: 2",
        "scheduledResyncInterval: 120",
        "integration:",
        "  config:",
        "    githubOrganization: from-file",
        "    webhookSecret: '{{ from env MY_SECRET }}'",
        "    githubToken: '{{ from env NOT_SET }}'",
      ].join("\n"),
    );
    const settings = loadSettings({
      configFile: file,
      environment: { OCEAN__EVENT_WORKERS_COUNT: "3", MY_SECRET: "s3cret" },
      overrides: { port: 0 },
    });
    expect(settings.eventWorkersCount).toBe(3);
    expect(settings.scheduledResyncInterval).toBe(120);
    expect(settings.port).toBe(0);
    expect(settings.host).toBe("127.0.0.1");
    expect(settings.sendRawDataExamples).toBe(true);
    expect(settings.integration.config).toEqual({ githubOrganization: "from-file", webhookSecret: "s3cret" });
  });

  it("refuses a value of the wrong type with the setting's path and both ways to set it", () => {
    let error: unknown;
    try {
      loadSettings({
        configFile: "/nonexistent.yaml",
        environment: { OCEAN__SCHEDULED_RESYNC_INTERVAL: "5" },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PortolanError);
    const failure = error as PortolanError;
    expect(failure.code).toBe("SETTINGS_INVALID");
    expect(failure.where?.path).toBe("scheduledResyncInterval");
    expect(failure.describe()).toContain("scheduledResyncInterval");
    expect(failure.message).toContain("at least 60 minutes");
    expect(failure.hint).toContain("OCEAN__SCHEDULED_RESYNC_INTERVAL");
  });

  it("reports malformed YAML in the settings file with its name", () => {
    const file = configFile("integration: [unclosed");
    expect(() => loadSettings({ configFile: file, environment: {} })).toThrow(
      expect.objectContaining({ code: "SETTINGS_SYNTAX", where: { source: file } }),
    );
  });
});
