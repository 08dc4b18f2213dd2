import { describe, expect, it } from "vitest";
import { isPortolanError, type PortolanError } from "../../src/engine/errors/portolan-error.js";
import { parseGitHubSettings, unknownGitHubSettingKeys } from "../../src/github/github-settings.js";

function failure(input: unknown): PortolanError {
  try {
    parseGitHubSettings(input);
  } catch (error) {
    if (isPortolanError(error)) return error;
    throw error;
  }
  throw new Error("expected the settings to be rejected");
}

describe("parseGitHubSettings", () => {
  it("applies Ocean's defaults", () => {
    expect(parseGitHubSettings({ githubToken: "ghp_x" })).toEqual({
      githubHost: "https://api.github.com",
      githubToken: "ghp_x",
      githubAppId: undefined,
      githubAppPrivateKey: undefined,
      githubOrganization: undefined,
      webhookSecret: undefined,
      authenticationMode: undefined,
      skipWebhookPatching: false,
      resyncRatelimitReservationThreshold: 95,
      legacyDispatchWorkflowTracking: false,
    });
  });

  it("strips trailing slashes from githubHost and keeps a GHES /api/v3 base", () => {
    expect(
      parseGitHubSettings({ githubToken: "t", githubHost: "https://ghe.example.com/api/v3/" }).githubHost,
    ).toBe("https://ghe.example.com/api/v3");
    expect(parseGitHubSettings({ githubToken: "t", githubHost: "https://api.github.com//" }).githubHost).toBe(
      "https://api.github.com",
    );
  });

  it("reads booleans and numbers given as text (environment variables)", () => {
    const settings = parseGitHubSettings({
      githubToken: "t",
      skipWebhookPatching: "true",
      legacyDispatchWorkflowTracking: "0",
      resyncRatelimitReservationThreshold: "80",
    });
    expect(settings.skipWebhookPatching).toBe(true);
    expect(settings.legacyDispatchWorkflowTracking).toBe(false);
    expect(settings.resyncRatelimitReservationThreshold).toBe(80);
  });

  it("treats empty strings as unset (an empty token does not count)", () => {
    const error = failure({ githubToken: "  ", githubOrganization: "" });
    expect(error.code).toBe("GITHUB_NO_CREDENTIALS");
    expect(error.hint).toContain("githubToken");
  });

  it("decodes a base64 private key", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----";
    const settings = parseGitHubSettings({
      githubAppId: 123,
      githubAppPrivateKey: Buffer.from(pem).toString("base64"),
    });
    expect(settings.githubAppPrivateKey).toBe(pem);
    expect(settings.githubAppId).toBe("123");
  });

  it.each([
    [
      { githubToken: "t", githubHost: "api.github.com" },
      "githubHost",
      "OCEAN__INTEGRATION__CONFIG__GITHUB_HOST",
    ],
    [{ githubToken: "t", githubHost: "ftp://x" }, "githubHost", "https://"],
    [
      { githubToken: "t", resyncRatelimitReservationThreshold: 150 },
      "resyncRatelimitReservationThreshold",
      "0 and 100",
    ],
    [
      { githubToken: "t", resyncRatelimitReservationThreshold: "lots" },
      "resyncRatelimitReservationThreshold",
      "",
    ],
    [{ githubToken: "t", skipWebhookPatching: "maybe" }, "skipWebhookPatching", "true or false"],
    [{ githubToken: "t", githubOrganization: "https://github.com/acme" }, "githubOrganization", "login"],
    [{ githubToken: "t", githubOrganization: ".." }, "githubOrganization", "login"],
    [{ githubToken: "t", authenticationMode: "PAT" }, "authenticationMode", "Personal Access Token"],
    [{ githubAppId: "1" }, "githubAppPrivateKey", "private key"],
    [{ githubAppId: "1", githubAppPrivateKey: "not a key" }, "githubAppPrivateKey", "PEM"],
  ])("rejects %j naming %s and how to fix it", (input, key, fix) => {
    const error = failure(input);
    expect(error.code).toBe("GITHUB_SETTINGS_INVALID");
    expect(error.where?.path).toBe(key);
    expect(error.message).toContain(key);
    expect(`${error.message} ${error.hint}`).toContain(fix);
  });

  it("rejects a non-object", () => {
    expect(failure("ghp_x").code).toBe("GITHUB_SETTINGS_INVALID");
  });

  it("reports unknown keys (likely typos) separately", () => {
    expect(unknownGitHubSettingKeys({ githubToken: "t", githubtoken: "t", githubOrg: "x" })).toEqual([
      "githubtoken",
      "githubOrg",
    ]);
  });
});
