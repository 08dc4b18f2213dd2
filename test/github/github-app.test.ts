import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPortolanError } from "../../src/engine/errors/portolan-error.js";
import type { RawObject } from "../../src/engine/integration/integration.js";
import { createGitHubIntegration } from "../../src/github/create-github-integration.js";
import { FakeGitHub, fastPolicy } from "./fake-github.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

const future = () => new Date(Date.now() + 3600_000).toISOString();

function appGitHub(): FakeGitHub {
  return new FakeGitHub()
    .on("GET", "/app", { body: { id: 42, slug: "portolan-app", name: "Portolan App" } })
    .on("GET", "/app/installations", {
      body: [
        { id: 11, account: { login: "acme" }, suspended_at: null },
        { id: 12, account: { login: "frozen" }, suspended_at: "2026-01-01T00:00:00Z" },
        { id: 13, account: { login: "beta" }, suspended_at: null },
      ],
    })
    .on("POST", "/app/installations/11/access_tokens", {
      status: 201,
      body: { token: "ghs_acme", expires_at: future() },
    })
    .on("POST", "/app/installations/13/access_tokens", {
      status: 201,
      body: { token: "ghs_beta", expires_at: future() },
    })
    .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
    .on("GET", "/users/beta", { body: { login: "beta", type: "Organization" } })
    .on("GET", "/orgs/acme/repos", { body: [{ id: 1, name: "a1", owner: { login: "acme" } }] })
    .on("GET", "/orgs/beta/repos", { body: [{ id: 2, name: "b1", owner: { login: "beta" } }] });
}

function jwtClaims(authorization: string | undefined): Record<string, unknown> {
  const [scheme, token] = (authorization ?? "").split(" ");
  expect(scheme?.toLowerCase()).toBe("bearer");
  const payload = token?.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

async function collect(pages: AsyncIterable<RawObject[]>): Promise<RawObject[]> {
  const items: RawObject[] = [];
  for await (const page of pages) items.push(...page);
  return items;
}

const settings = (extra: Record<string, unknown> = {}) => ({
  githubAppId: "42",
  githubAppPrivateKey: privateKey,
  ...extra,
});

describe("GitHub App authentication", () => {
  it("runs one authenticator per active installation, each with its own installation token", async () => {
    const fake = appGitHub();
    const integration = await createGitHubIntegration(settings(), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    expect(integration.authentication).toBe("github-app");
    const repositoryKind = integration.kinds.find((kind) => kind.name === "repository");
    if (!repositoryKind) throw new Error("no repository kind");
    const repositories = await collect(
      repositoryKind.list({ selector: repositoryKind.selectorSchema.parse({}), mappingOptions: {} }),
    );
    expect(repositories.map((repository) => repository.name)).toEqual(["a1", "b1"]);

    const listing = fake.requests("GET", "/app/installations")[0];
    expect(jwtClaims(listing?.headers.authorization).iss).toBe("42");
    expect(fake.requests("GET", "/orgs/acme/repos")[0]?.headers.authorization).toBe("token ghs_acme");
    expect(fake.requests("GET", "/orgs/beta/repos")[0]?.headers.authorization).toBe("token ghs_beta");
    expect(fake.requests("POST", "/app/installations/12/access_tokens")).toEqual([]);

    // Installations and tokens are reused by the next resync.
    await collect(
      repositoryKind.list({ selector: repositoryKind.selectorSchema.parse({}), mappingOptions: {} }),
    );
    expect(fake.requests("GET", "/app/installations")).toHaveLength(1);
    expect(fake.requests("POST", "/app/installations/11/access_tokens")).toHaveLength(1);
  });

  it("githubOrganization selects its installation, case-insensitively", async () => {
    const fake = appGitHub();
    const integration = await createGitHubIntegration(settings({ githubOrganization: "BETA" }), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const organizationKind = integration.kinds.find((kind) => kind.name === "organization");
    if (!organizationKind) throw new Error("no organization kind");
    const organizations = await collect(organizationKind.list({ selector: {}, mappingOptions: {} }));
    expect(organizations.map((org) => org.login)).toEqual(["beta"]);
  });

  it("no installation for githubOrganization is GITHUB_APP_NOT_INSTALLED", async () => {
    const fake = appGitHub();
    const integration = await createGitHubIntegration(settings({ githubOrganization: "nowhere" }), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const organizationKind = integration.kinds.find((kind) => kind.name === "organization");
    if (!organizationKind) throw new Error("no organization kind");
    const error = await collect(organizationKind.list({ selector: {}, mappingOptions: {} })).catch(
      (e: unknown) => e,
    );
    expect(isPortolanError(error) && error.code).toBe("GITHUB_APP_NOT_INSTALLED");
  });

  it("one failing installation does not stop the others; its error comes at the end", async () => {
    const fake = appGitHub().on("GET", "/orgs/acme/repos", {
      status: 403,
      headers: { "x-accepted-github-permissions": "metadata=read" },
      body: { message: "Resource not accessible by integration" },
    });
    const integration = await createGitHubIntegration(settings(), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const repositoryKind = integration.kinds.find((kind) => kind.name === "repository");
    if (!repositoryKind) throw new Error("no repository kind");
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of repositoryKind.list({
        selector: repositoryKind.selectorSchema.parse({}),
        mappingOptions: {},
      })) {
        seen.push(...page.map((repository) => String(repository.name)));
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["b1"]);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_MISSING_PERMISSION");
  });

  it("live events use the installation of the delivery's organization", async () => {
    const fake = appGitHub().on("GET", "/repos/beta/b1", {
      body: { id: 2, name: "b1", owner: { login: "beta" } },
    });
    const integration = await createGitHubIntegration(settings(), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const changes = await integration.handleEvent(
      {
        deliveryId: "x",
        name: "repository",
        payload: {
          action: "edited",
          repository: {
            id: 2,
            name: "b1",
            full_name: "beta/b1",
            owner: { login: "beta" },
            visibility: "public",
          },
          organization: { login: "beta" },
        },
      },
      { kind: "repository", selector: {}, mappingOptions: {} },
    );
    expect(changes?.upserted.map((repository) => repository.name)).toEqual(["b1"]);
    expect(fake.requests("GET", "/repos/beta/b1")[0]?.headers.authorization).toBe("token ghs_beta");
  });

  it("verifyAccess names the App as {slug}[bot] with its installations", async () => {
    const fake = appGitHub();
    const integration = await createGitHubIntegration(settings(), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const access = await integration.verifyAccess();
    expect(access).toMatchObject({
      authentication: "github-app",
      tokenKind: "installation",
      login: "portolan-app[bot]",
      scopes: null,
      organizations: [
        { login: "acme", type: "Organization" },
        { login: "beta", type: "Organization" },
      ],
    });
  });

  it("an App installed on a personal account lists the repositories granted to it", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/app/installations", { body: [{ id: 21, account: { login: "solo" }, suspended_at: null }] })
      .on("POST", "/app/installations/21/access_tokens", {
        status: 201,
        body: { token: "ghs_solo", expires_at: future() },
      })
      .on("GET", "/users/solo", { body: { login: "solo", type: "User" } })
      .on("GET", "/installation/repositories", {
        body: {
          total_count: 2,
          repositories: [
            { id: 5, name: "open", visibility: "public", owner: { login: "solo" } },
            { id: 6, name: "secret", visibility: "private", owner: { login: "solo" } },
          ],
        },
      });
    const integration = await createGitHubIntegration(settings(), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const repositoryKind = integration.kinds.find((kind) => kind.name === "repository");
    if (!repositoryKind) throw new Error("no repository kind");
    const repositories = await collect(
      repositoryKind.list({
        selector: repositoryKind.selectorSchema.parse({}),
        mappingOptions: { repositoryType: "private" },
      }),
    );
    expect(repositories.map((repository) => repository.name)).toEqual(["secret"]);
    expect(fake.requests("GET", "/installation/repositories")[0]?.headers.authorization).toBe(
      "token ghs_solo",
    );
  });

  it("an unreadable private key is GITHUB_BAD_CREDENTIALS naming githubAppPrivateKey", async () => {
    const fake = appGitHub();
    const broken = "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----";
    const integration = await createGitHubIntegration(settings({ githubAppPrivateKey: broken }), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const error = await integration.verifyAccess().catch((e: unknown) => e);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_BAD_CREDENTIALS");
    expect(isPortolanError(error) && error.where?.path).toBe("githubAppPrivateKey");
    expect(fake.log).toEqual([]);
  });

  it("a 401 for the App's JWT says to check the App ID and key", async () => {
    const fake = appGitHub().on("GET", "/app/installations", {
      status: 401,
      body: { message: "A JSON web token could not be decoded" },
    });
    const integration = await createGitHubIntegration(settings(), {
      fetch: fake.fetch,
      rateLimitPolicy: fastPolicy,
    });
    const error = await integration.verifyAccess().catch((e: unknown) => e);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_BAD_CREDENTIALS");
    expect(isPortolanError(error) && error.hint).toContain("githubAppPrivateKey");
  });

  it("a token wins over App credentials", async () => {
    const integration = await createGitHubIntegration(settings({ githubToken: "ghp_wins" }));
    expect(integration.authentication).toBe("personal-access-token");
  });
});
