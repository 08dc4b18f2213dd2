import { describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import { createOrganizationKind } from "../../../src/github/kinds/organization.js";
import { createRepositoryKind } from "../../../src/github/kinds/repository.js";
import { repositorySelectorSchema } from "../../../src/github/kinds/repository-selector.js";
import { collect, FakeGitHub, fakeContext } from "../fake-github.js";
import { includedFilesAnswer } from "../fake-included-files.js";

const repo = (name: string, extra: Record<string, unknown> = {}) => ({
  id: name.length,
  name,
  full_name: `acme/${name}`,
  owner: { login: "acme", type: "Organization" },
  default_branch: "main",
  private: false,
  visibility: "public",
  ...extra,
});

describe("repository kind", () => {
  it("streams GET /orgs/{o}/repos page by page with type= and per_page=100", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", id: 1, type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("a"), repo("b")], [repo("c")]]);
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({ query: "true" });
    const pages = await collect(kind.list({ selector, mappingOptions: { repositoryType: "private" } }));

    expect(pages.map((page) => page.map((r) => r.name))).toEqual([["a", "b"], ["c"]]);
    expect(fake.log.map((entry) => `${entry.method} ${entry.path} ${JSON.stringify(entry.query)}`)).toEqual([
      "GET /users/acme {}",
      'GET /orgs/acme/repos {"per_page":"100","type":"private"}',
      'GET /orgs/acme/repos {"per_page":"100","type":"private","page":"2"}',
    ]);
    for (const entry of fake.log) {
      expect(entry.headers.accept).toBe("application/vnd.github+json");
      expect(entry.headers["x-github-api-version"]).toBe("2022-11-28");
      expect(entry.headers.authorization).toMatch(/^Bearer ghp_test\d+$/);
    }
  });

  it("yields the first page before requesting the second (no whole-org buffering)", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("a")], [repo("b")]]);
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const iterator = kind
      .list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} })
      [Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.map((r: Record<string, unknown>) => r.name)).toEqual(["a"]);
    expect(fake.requests("GET", "/orgs/acme/repos")).toHaveLength(1);
    await iterator.next();
    expect(fake.requests("GET", "/orgs/acme/repos")).toHaveLength(2);
  });

  it("adds __includedFiles read by one GraphQL query at the default branch; missing files are null", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("svc", { default_branch: "trunk" }), repo("web")]])
      .on(
        "POST",
        "/graphql",
        includedFilesAnswer({
          "acme/svc": { "trunk:README.md": "# svc\n", "trunk:docs/a b.md": "spaced" },
          "acme/web": { "main:CODEOWNERS": "* @acme/web\n" },
        }),
      );
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({
      includedFiles: ["README.md", "CODEOWNERS", "/docs/a b.md"],
    });
    const [items] = (await collect(kind.list({ selector, mappingOptions: {} }))) as [
      Array<Record<string, unknown>>,
    ];
    expect(items.map((item) => item.__includedFiles)).toEqual([
      { "README.md": "# svc\n", CODEOWNERS: null, "/docs/a b.md": "spaced" },
      { "README.md": null, CODEOWNERS: "* @acme/web\n", "/docs/a b.md": null },
    ]);
    // Six files of two repositories: one query, no Contents call.
    expect(fake.log.filter((entry) => entry.path.includes("/contents/"))).toEqual([]);
    const queries = fake.requests("POST", "/graphql");
    expect(queries).toHaveLength(1);
    const sent = queries[0]?.body as { variables: Record<string, string> } | undefined;
    const variables = Object.entries(sent?.variables ?? {});
    expect(variables.filter(([name]) => name.startsWith("e")).map(([, value]) => value)).toEqual([
      "trunk:README.md",
      "trunk:CODEOWNERS",
      "trunk:docs/a b.md",
      "main:README.md",
      "main:CODEOWNERS",
      "main:docs/a b.md",
    ]);
  });

  it("reads a blob GraphQL has no text for (binary) through the Contents API, as Ocean does", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("svc")]])
      .on("POST", "/graphql", includedFilesAnswer({ "acme/svc": { "main:logo.txt": { binary: true } } }))
      .on("GET", "/repos/acme/svc/contents/logo.txt", {
        body: {
          type: "file",
          encoding: "base64",
          content: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("base64"),
        },
      });
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({ includedFiles: ["logo.txt"] });
    const [[item]] = (await collect(kind.list({ selector, mappingOptions: {} }))) as [
      [Record<string, unknown>],
    ];
    expect(item.__includedFiles).toEqual({
      "logo.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("utf8"),
    });
    expect(fake.requests("GET", "/repos/acme/svc/contents/logo.txt")[0]?.query).toEqual({ ref: "main" });
  });

  it("a repository GitHub no longer finds has no files (null), like a 404 from the Contents API", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("gone"), repo("svc")]])
      .on("POST", "/graphql", includedFilesAnswer({ "acme/svc": { "main:README.md": "here" } }));
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({ includedFiles: ["README.md"] });
    const [items] = (await collect(kind.list({ selector, mappingOptions: {} }))) as [
      Array<Record<string, unknown>>,
    ];
    expect(items.map((item) => item.__includedFiles)).toEqual([
      { "README.md": null },
      { "README.md": "here" },
    ]);
  });

  it("fails loudly when GitHub refuses the files (never an empty result), naming the Contents permission", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("svc")]])
      .on("POST", "/graphql", {
        body: {
          data: { r0: { f0: null } },
          errors: [
            {
              type: "FORBIDDEN",
              path: ["r0", "f0"],
              message: "Resource not accessible by personal access token",
            },
          ],
        },
      });
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({ includedFiles: ["README.md"] });
    const error = await collect(kind.list({ selector, mappingOptions: {} })).catch((e: unknown) => e);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_MISSING_PERMISSION");
    expect(String((error as Error).message)).toContain("Resource not accessible by personal access token");
    expect(isPortolanError(error) && error.hint).toContain("Contents: read-only");
  });

  it("uses the search API for repoSearch", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .on("GET", "/search/repositories", {
        body: { total_count: 1, incomplete_results: false, items: [repo("x")] },
      });
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({ repoSearch: { query: "topic:backend" } });
    const pages = await collect(kind.list({ selector, mappingOptions: {} }));
    expect(pages).toEqual([[repo("x")]]);
    expect(fake.requests("GET", "/search/repositories")[0]?.query.q).toBe("org:acme topic:backend");
  });

  it("adds relations: collaborators, teams, sbom, custom properties, pages", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("svc")]])
      .onPages("/repos/acme/svc/collaborators", [[{ login: "ann" }], [{ login: "bob" }]])
      .onPages("/repos/acme/svc/teams", [[{ slug: "core" }]])
      .on("GET", "/repos/acme/svc/dependency-graph/sbom", { body: { sbom: { spdxVersion: "SPDX-2.3" } } })
      .on("GET", "/repos/acme/svc/properties/values", { body: [{ property_name: "tier", value: "1" }] });
    const kind = createRepositoryKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({
      includedRelations: {
        collaborators: { affiliation: "direct" },
        teams: true,
        sbom: true,
        customProperties: true,
        pages: true,
      },
    });
    const [[item]] = (await collect(kind.list({ selector, mappingOptions: {} }))) as [
      [Record<string, unknown>],
    ];
    expect(item.__collaborators).toEqual([{ login: "ann" }, { login: "bob" }]);
    expect(item.__teams).toEqual([{ slug: "core" }]);
    expect(item.__sbom).toEqual({ spdxVersion: "SPDX-2.3" });
    expect(item.custom_properties).toEqual({ tier: "1" });
    expect(item.__pages).toEqual({});
    expect(fake.requests("GET", "/repos/acme/svc/collaborators")[0]?.query.affiliation).toBe("direct");
  });
});

describe("repository selector", () => {
  it("applies defaults", () => {
    expect(repositorySelectorSchema.parse({ query: "true" })).toEqual({
      query: "true",
      repoSearch: null,
      includedFiles: [],
      include: [],
      includedRelations: null,
    });
  });

  it("rejects unknown keys, as Ocean does", () => {
    const result = repositorySelectorSchema.safeParse({ query: "true", includeFiles: ["README.md"] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("includeFiles");
    expect(repositorySelectorSchema.safeParse({ includedRelations: { team: true } }).success).toBe(false);
  });

  it("rejects includedFiles that would leave the repository's Contents path", () => {
    for (const path of ["../../user", "docs/../../x", "./README.md", "a?ref=x", "a#b", "a\\b"]) {
      expect(repositorySelectorSchema.safeParse({ includedFiles: [path] }).success, path).toBe(false);
    }
    expect(
      repositorySelectorSchema.safeParse({ includedFiles: ["/README.md", "docs/..x/y.md"] }).success,
    ).toBe(true);
  });

  it("rejects include together with includedRelations", () => {
    const result = repositorySelectorSchema.safeParse({
      include: ["teams"],
      includedRelations: { teams: true },
    });
    expect(result.success).toBe(false);
  });
});

describe("organization kind", () => {
  it("githubOrganization wins over the mapping's organizations: GET /users/{login}", async () => {
    const fake = new FakeGitHub().on("GET", "/users/acme", {
      body: { login: "acme", id: 7, type: "Organization", html_url: "https://github.com/acme" },
    });
    const kind = createOrganizationKind(fakeContext(fake, { githubOrganization: "acme" }));
    const pages = await collect(
      kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: { organizations: ["other"] } }),
    );
    expect(pages).toEqual([
      [{ login: "acme", id: 7, type: "Organization", html_url: "https://github.com/acme" }],
    ]);
    expect(fake.log.map((entry) => entry.path)).toEqual(["/users/acme"]);
  });

  it("classic token without githubOrganization: /user first if asked, then /user/orgs filtered", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/user", { body: { login: "me", id: 1, type: "User" } })
      .onPages("/user/orgs", [[{ login: "org1" }, { login: "org2" }], [{ login: "Org3" }]]);
    const kind = createOrganizationKind(fakeContext(fake));
    const pages = await collect(
      kind.list({
        selector: kind.selectorSchema.parse({ query: "true", repoSearch: null }),
        mappingOptions: { organizations: ["org1", "org3"], includeAuthenticatedUser: true },
      }),
    );
    expect(pages).toEqual([
      [{ login: "me", id: 1, type: "User" }],
      [{ login: "org1", type: "Organization" }],
      [{ login: "Org3", type: "Organization" }],
    ]);
    expect(fake.log.map((entry) => entry.path)).toEqual(["/user", "/user/orgs", "/user/orgs"]);
  });

  it("fine-grained token without githubOrganization is an error naming the setting", async () => {
    const fake = new FakeGitHub();
    const context = fakeContext(fake, { githubToken: "github_pat_abc" });
    const kind = createOrganizationKind(context);
    const error = await collect(kind.list({ selector: { repoSearch: null }, mappingOptions: {} })).catch(
      (e: unknown) => e,
    );
    expect(isPortolanError(error) && error.code).toBe("GITHUB_ORGANIZATION_REQUIRED");
    expect(fake.log).toEqual([]);
  });

  it("401 is GITHUB_BAD_CREDENTIALS, not an empty list", async () => {
    const fake = new FakeGitHub().on("GET", "/user/orgs", {
      status: 401,
      body: { message: "Bad credentials" },
    });
    const kind = createOrganizationKind(fakeContext(fake));
    const error = await collect(kind.list({ selector: { repoSearch: null }, mappingOptions: {} })).catch(
      (e: unknown) => e,
    );
    expect(isPortolanError(error) && error.code).toBe("GITHUB_BAD_CREDENTIALS");
    expect(fake.log).toHaveLength(1);
  });
});
