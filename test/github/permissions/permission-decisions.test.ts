/**
 * The decisions of the start-up permission check, on recorded GitHub answers: a classic token's scopes,
 * a GitHub App installation's grant, and a fine-grained token's probes (403 +
 * `X-Accepted-GitHub-Permissions`), through the integration with a scripted GitHub.
 */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bindMapping } from "../../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { missingAppPermissions } from "../../../src/github/permissions/app-permission-check.js";
import { missingClassicScopes } from "../../../src/github/permissions/classic-scope-check.js";
import { probeShowsMissingPermission } from "../../../src/github/permissions/fine-grained-probe.js";
import {
  describeMissingPermission,
  missingPermissionsError,
} from "../../../src/github/permissions/missing-permission.js";
import { kindNeeds, resourceNeeds } from "../../../src/github/permissions/permission-needs.js";
import { FakeGitHub, fastPolicy } from "../fake-github.js";

/** GitHub's answer to a fine-grained token without Pull requests: Read (docs.github.com, REST troubleshooting). */
const recordedFineGrained403 = {
  status: 403,
  headers: { "x-accepted-github-permissions": "pull_requests=read", "x-github-media-type": "github.v3" },
  body: {
    message: "Resource not accessible by personal access token",
    documentation_url: "https://docs.github.com/rest/pulls/pulls#list-pull-requests",
    status: "403",
  },
};

function mappingOf(integration: GitHubIntegration, kinds: readonly string[]) {
  const text = `resources:\n${kinds
    .map(
      (kind) =>
        `  - kind: ${kind}\n    selector:\n      query: 'true'\n    port:\n      entity:\n        mappings:\n          identifier: .name\n          blueprint: '"b"'\n`,
    )
    .join("")}`;
  return bindMapping(parsePortAppConfig(text, "mapping.yml"), integration, "mapping.yml");
}

describe("classic token scopes", () => {
  it("names each missing scope once with every kind it blocks; broader scopes count", () => {
    const kinds = ["repository", "user", "team", "collaborator", "dependabot-alert", "code-scanning-alerts"];
    expect(missingClassicScopes(["read:user"], kindNeeds(kinds))).toEqual([
      { credential: "classic", permission: "the `read:org` scope", kinds: ["user", "team", "collaborator"] },
      { credential: "classic", permission: "the `repo` scope", kinds: ["collaborator"] },
      {
        credential: "classic",
        permission: "one of the scopes `security_events`, `repo`, `public_repo`",
        kinds: ["dependabot-alert", "code-scanning-alerts"],
      },
    ]);
    // admin:org includes read:org; repo includes security_events.
    expect(missingClassicScopes(["admin:org", "repo"], kindNeeds(kinds))).toEqual([]);
    expect(
      missingClassicScopes(["public_repo"], kindNeeds(["secret-scanning-alerts", "pull-request"])),
    ).toEqual([]);
  });
});

describe("what the mapping's resources need", () => {
  it("a repository resource with includedFiles also needs Contents, named with the option", () => {
    const repository = { kind: { name: "repository" }, selector: { includedFiles: ["README.md"] } };
    const plain = { kind: { name: "repository" }, selector: { includedFiles: [] } };
    const granted = { metadata: "read" };
    expect(missingAppPermissions(granted, resourceNeeds([plain]), "acme")).toEqual([]);
    expect(missingAppPermissions(granted, resourceNeeds([repository, plain]), "acme")).toEqual([
      {
        credential: "app",
        permission: "Contents: Read",
        account: "acme",
        kinds: ["repository (includedFiles)"],
      },
    ]);
  });
});

describe("GitHub App installation permissions", () => {
  it("accepts read or write and names what the grant lacks", () => {
    const granted = { metadata: "read", contents: "write", pull_requests: "read" };
    expect(
      missingAppPermissions(
        granted,
        kindNeeds(["repository", "release", "pull-request", "workflow", "workflow-run", "user"]),
        "acme",
      ),
    ).toEqual([
      {
        credential: "app",
        permission: "Actions: Read",
        account: "acme",
        kinds: ["workflow", "workflow-run"],
      },
      { credential: "app", permission: "Members: Read", account: "acme", kinds: ["user"] },
    ]);
  });

  it("reads the grant from GET /app/installations", async () => {
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const fake = new FakeGitHub().on("GET", "/app/installations", {
      body: [
        {
          id: 11,
          account: { login: "acme" },
          suspended_at: null,
          permissions: { metadata: "read", issues: "read", deployments: "write" },
        },
      ],
    });
    const integration = await createGitHubIntegration(
      { githubAppId: "42", githubAppPrivateKey: privateKey },
      { fetch: fake.fetch, rateLimitPolicy: fastPolicy },
    );
    const missing = await integration.checkPermissions(
      mappingOf(integration, ["issue", "deployment", "tag"]),
    );
    expect(missing).toEqual([
      { credential: "app", permission: "Contents: Read", account: "acme", kinds: ["tag"] },
    ]);
    // The grant is known from the listing: no installation token was needed to check it.
    expect(fake.log.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /app/installations",
    ]);
  });
});

describe("fine-grained token probes", () => {
  it("tells a permission 403 from other refusals", () => {
    expect(
      probeShowsMissingPermission({
        status: 403,
        headers: recordedFineGrained403.headers,
        message: recordedFineGrained403.body.message,
      }),
    ).toBe(true);
    expect(
      probeShowsMissingPermission({
        status: 403,
        headers: {},
        message: "Resource not accessible by integration",
      }),
    ).toBe(true);
    // A feature that is off, a rate limit, or an empty repository is not about the token.
    expect(
      probeShowsMissingPermission({
        status: 403,
        headers: {},
        message: "Advanced Security must be enabled for this repository to use code scanning.",
      }),
    ).toBe(false);
    expect(
      probeShowsMissingPermission({
        status: 403,
        headers: { "x-ratelimit-remaining": "0" },
        message: "API rate limit exceeded",
      }),
    ).toBe(false);
    expect(
      probeShowsMissingPermission({ status: 409, headers: {}, message: "Git Repository is empty." }),
    ).toBe(false);
  });

  it("probes one cheap request per needed permission and names the missing one", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/orgs/acme/repos", { body: [{ id: 1, name: "api", owner: { login: "acme" } }] })
      .on("GET", "/repos/acme/api/pulls", recordedFineGrained403)
      .on("GET", "/repos/acme/api/issues", { body: [] })
      .on("GET", "/repos/acme/api/commits", { body: [] });
    const integration = await createGitHubIntegration(
      { githubToken: "github_pat_recorded", githubOrganization: "acme" },
      { fetch: fake.fetch, rateLimitPolicy: fastPolicy },
    );
    const missing = await integration.checkPermissions(
      mappingOf(integration, ["repository", "pull-request", "issue", "release", "tag"]),
    );
    expect(missing).toEqual([
      { credential: "fine-grained", permission: "Pull requests: Read", kinds: ["pull-request"] },
    ]);
    expect(
      describeMissingPermission(missing[0] ?? { credential: "classic", permission: "", kinds: [] }),
    ).toBe(
      "fine-grained token lacks Pull requests: Read — needed by kind pull-request; add it to the token at github.com/settings/personal-access-tokens (or your GitHub Enterprise Server's)",
    );
    const probes = fake.log.filter((request) => request.path.startsWith("/repos/"));
    // Contents is probed once for release and tag; Metadata (repository) is always granted.
    expect(probes.map((request) => request.path).sort()).toEqual([
      "/repos/acme/api/commits",
      "/repos/acme/api/issues",
      "/repos/acme/api/pulls",
    ]);
    for (const probe of probes) expect(probe.query.per_page).toBe("1");
    expect(missingPermissionsError(missing).code).toBe("GITHUB_PERMISSIONS_INSUFFICIENT");
  });
});
