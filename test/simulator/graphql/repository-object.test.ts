import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubGraphQLSchema } from "../../../src/simulator/graphql/github-graphql-schema.js";
import { graphqlCost } from "../../../src/simulator/graphql/graphql-cost.js";
import { BLOB_TEXT_LIMIT, blobText } from "../../../src/simulator/graphql/resolvers/git-object-resolvers.js";
import { gitBlobSha } from "../../../src/simulator/shapes/git-blob-sha.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ type?: string; message: string; path?: unknown[] }>;
}

interface BlobAnswer {
  __typename: "Blob";
  text: string | null;
  isBinary: boolean;
  isTruncated: boolean;
  byteSize: number;
  oid?: string;
  abbreviatedOid?: string;
  id?: string;
  commitUrl?: string;
  commitResourcePath?: string;
}

interface TreeAnswer {
  __typename: "Tree";
  oid: string;
  id: string;
  entries: Array<{
    name: string;
    path: string;
    type: string;
    mode: number;
    oid: string;
    size: number;
    object: { __typename: string; oid: string };
  }>;
}

/** The document Portolan's included-files read sends (one repository, one file per alias). */
const BLOB = "__typename ... on Blob { text isBinary isTruncated byteSize }";

const README = "# objects\nA repository for Repository.object\n";
const GUIDE = "# Guide\n\nRésumé: ünïcödé text.\n";

describe("GraphQL Repository.object(expression:)", () => {
  let sim: RunningSimulator;
  let org: string;
  const graphql = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    call<GraphQLAnswer>(sim, "/graphql", {
      method: "POST",
      body: { query, variables },
      ...(token !== undefined ? { token } : {}),
    });
  /** `object(expression:)` of one repository, with `selection` on it. */
  const objectOf = async (repo: string, expression: string, selection = BLOB, token?: string) =>
    graphql(
      `query($o: String!, $n: String!, $e: String!) {
        repository(owner: $o, name: $n) { object(expression: $e) { ${selection} } }
      }`,
      { o: org, n: repo, e: expression },
      token,
    );
  const objectData = (answer: { body: GraphQLAnswer }) =>
    (answer.body.data?.repository as { object: unknown } | null)?.object;
  const putFile = async (repo: string, path: string, content: string, branch?: string) => {
    const put = await controlAnswer(sim, "PUT", `/repos/${org}/${repo}/contents/${path}`, {
      content,
      ...(branch ? { branch } : {}),
    });
    expect(put.status).toBe(200);
  };
  const createRepo = async (body: Record<string, unknown>) => {
    const created = await controlAnswer(sim, "POST", `/orgs/${org}/repos`, body);
    expect(created.status).toBe(201);
  };
  const repositoryId = (repo: string) => sim.state.findRepository(org, repo)?.repository.id ?? -1;
  const headSha = (repo: string, branch: string) => sim.state.headCommit(repositoryId(repo), branch)?.sha;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
    org = sim.organization;
    await createRepo({ name: "objects", auto_init: true, description: "A repository for Repository.object" });
    await putFile("objects", "docs/a.md", "# A\n");
    await putFile("objects", "docs/guide/b.md", GUIDE);
    await createRepo({ name: "objects-trunk", auto_init: true, default_branch: "trunk" });
    await createRepo({ name: "objects-empty" });
    await createRepo({ name: "objects-private", auto_init: true, visibility: "private" });
  });
  afterAll(() => sim.close());

  it("answers a file of the default branch as a Blob, with its git ids and the commit it came through", async () => {
    const answer = await objectOf(
      "objects",
      "main:README.md",
      `${BLOB} ... on Blob { oid abbreviatedOid id commitUrl commitResourcePath }`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const blob = objectData(answer) as BlobAnswer;
    const oid = gitBlobSha(Buffer.from(README));
    const head = headSha("objects", "main");
    expect(blob).toEqual({
      __typename: "Blob",
      text: README,
      isBinary: false,
      isTruncated: false,
      byteSize: Buffer.byteLength(README),
      oid,
      abbreviatedOid: oid.slice(0, 7),
      id: expect.any(String),
      commitResourcePath: `/${org}/objects/commit/${head}`,
      commitUrl: `${sim.url}/${org}/objects/commit/${head}`,
    });
    expect(Buffer.from(blob.id ?? "", "base64").toString()).toBe(`04:Blob${repositoryId("objects")}:${oid}`);
    // The same blob as the REST Contents route describes it.
    const rest = await call<{ sha: string; size: number }>(sim, `/repos/${org}/objects/contents/README.md`);
    expect(rest.body.sha).toBe(oid);
    expect(rest.body.size).toBe(blob.byteSize);
  });

  it("reads HEAD as the default branch, whatever its name", async () => {
    const head = objectData(await objectOf("objects-trunk", "HEAD:README.md")) as BlobAnswer;
    expect(head.text).toBe("# objects-trunk\n\n");
    expect(objectData(await objectOf("objects-trunk", "trunk:README.md"))).toEqual(head);
    expect(objectData(await objectOf("objects-trunk", "main:README.md"))).toBeNull();
    expect(objectData(await objectOf("objects", "HEAD:README.md"))).toMatchObject({ text: README });
  });

  it("reads a nested path, with its UTF-8 byte size", async () => {
    const blob = objectData(await objectOf("objects", "main:docs/guide/b.md")) as BlobAnswer;
    expect(blob).toEqual({
      __typename: "Blob",
      text: GUIDE,
      isBinary: false,
      isTruncated: false,
      byteSize: Buffer.byteLength(GUIDE, "utf8"),
    });
    expect(blob.byteSize).toBeGreaterThan(GUIDE.length);
  });

  it("answers a directory, and the root (`main:`), as a Tree whose ids match the REST trees", async () => {
    const selection = `__typename ... on Tree { oid id entries { name path type mode oid size object { __typename ... on Blob { oid } ... on Tree { oid } } } }`;
    const docs = objectData(await objectOf("objects", "main:docs", selection)) as TreeAnswer;
    expect(docs.__typename).toBe("Tree");
    expect(docs.entries.map(({ name, path, type, mode }) => ({ name, path, type, mode }))).toEqual([
      { name: "a.md", path: "docs/a.md", type: "blob", mode: 0o100644 },
      { name: "guide", path: "docs/guide", type: "tree", mode: 0o40000 },
    ]);
    const [file, dir] = docs.entries as [TreeAnswer["entries"][number], TreeAnswer["entries"][number]];
    expect(file.oid).toBe(gitBlobSha(Buffer.from("# A\n")));
    expect(file.size).toBe(4);
    expect(file.object).toEqual({ __typename: "Blob", oid: file.oid });
    expect(dir.object).toEqual({ __typename: "Tree", oid: dir.oid });
    expect(Buffer.from(docs.id, "base64").toString()).toBe(`04:Tree${repositoryId("objects")}:${docs.oid}`);
    expect(objectData(await objectOf("objects", "main:docs/", selection))).toEqual(docs);

    const root = objectData(await objectOf("objects", "main:", selection)) as TreeAnswer;
    expect(root.entries.map((entry) => entry.name)).toEqual(["README.md", "docs"]);
    const rest = await call<{ sha: string; tree: Array<{ path: string; sha: string }> }>(
      sim,
      `/repos/${org}/objects/git/trees/main`,
    );
    expect(root.oid).toBe(rest.body.sha);
    expect(rest.body.tree.find((entry) => entry.path === "docs")?.sha).toBe(docs.oid);
  });

  it("answers null, without error, for a missing path, an unknown revision and an empty repository", async () => {
    for (const [repo, expression] of [
      ["objects", "main:NOPE.md"],
      ["objects", "main:docs/nope"],
      ["objects", "no-such-branch:README.md"],
      ["objects", "no-such-branch"],
      ["objects-empty", "HEAD:README.md"],
      ["objects-empty", "main:"],
    ] as const) {
      const answer = await objectOf(repo, expression);
      expect(answer.body.errors, `${repo} ${expression}`).toBeUndefined();
      expect(answer.body.data).toEqual({ repository: { object: null } });
    }
  });

  it("resolves tags and commit shas to the files of that commit", async () => {
    await createRepo({ name: "objects-tagged", auto_init: true });
    await putFile("objects-tagged", "CODEOWNERS", "* @acme/one\n");
    const first = headSha("objects-tagged", "main");
    const tag = await controlAnswer(sim, "POST", `/repos/${org}/objects-tagged/git/refs`, {
      ref: "refs/tags/v1",
      sha: first,
    });
    expect(tag.status).toBe(201);
    await putFile("objects-tagged", "CODEOWNERS", "* @acme/two\n");
    const text = async (expression: string) =>
      (objectData(await objectOf("objects-tagged", expression)) as BlobAnswer | null)?.text;
    expect(await text("main:CODEOWNERS")).toBe("* @acme/two\n");
    expect(await text("v1:CODEOWNERS")).toBe("* @acme/one\n");
    expect(await text("refs/tags/v1:CODEOWNERS")).toBe("* @acme/one\n");
    expect(await text("refs/heads/main:CODEOWNERS")).toBe("* @acme/two\n");
    expect(await text(`${first}:CODEOWNERS`)).toBe("* @acme/one\n");
    expect(await text(`${first?.slice(0, 10)}:CODEOWNERS`)).toBe("* @acme/one\n");
  });

  it("reads several repositories in one aliased query, as Portolan's included-files read does", async () => {
    const answer = await graphql(
      `query IncludedFiles($o0: String!, $n0: String!, $e0_0: String!, $e0_1: String!,
          $o1: String!, $n1: String!, $e1_0: String!, $o2: String!, $n2: String!, $e2_0: String!) {
        r0: repository(owner: $o0, name: $n0) {
          f0: object(expression: $e0_0) { ${BLOB} }
          f1: object(expression: $e0_1) { ${BLOB} }
        }
        r1: repository(owner: $o1, name: $n1) { f0: object(expression: $e1_0) { ${BLOB} } }
        r2: repository(owner: $o2, name: $n2) { f0: object(expression: $e2_0) { ${BLOB} } }
        rateLimit { cost }
      }`,
      {
        o0: org,
        n0: "objects",
        e0_0: "main:README.md",
        e0_1: "main:docs/a.md",
        o1: org,
        n1: "objects-trunk",
        e1_0: "HEAD:README.md",
        o2: org,
        n2: "objects-empty",
        e2_0: "HEAD:README.md",
      },
    );
    expect(answer.body.errors).toBeUndefined();
    const blob = (text: string) => ({
      __typename: "Blob",
      text,
      isBinary: false,
      isTruncated: false,
      byteSize: Buffer.byteLength(text),
    });
    expect(answer.body.data).toEqual({
      r0: { f0: blob(README), f1: blob("# A\n") },
      r1: { f0: blob("# objects-trunk\n\n") },
      r2: { f0: null },
      rateLimit: { cost: 1 },
    });
  });

  it("costs 1 point however many repositories and files one query reads", async () => {
    const repositories = Array.from(
      { length: 100 },
      (_, i) =>
        `r${i}: repository(owner: "o", name: "n${i}") { f0: object(expression: "HEAD:README.md") { ${BLOB} } f1: object(expression: "HEAD:CODEOWNERS") { ${BLOB} } }`,
    );
    const cost = graphqlCost(
      await githubGraphQLSchema(),
      parse(`query { ${repositories.join("\n")} }`),
      {},
      undefined,
    );
    expect(cost).toEqual({ cost: 1, nodeCount: 0, isMutation: false });
  });

  it("truncates a text larger than 512,000 bytes, keeping its full byte size", async () => {
    const big = `${"a".repeat(BLOB_TEXT_LIMIT - 1)}é${"z".repeat(100)}`;
    await putFile("objects", "big.txt", big);
    const blob = objectData(await objectOf("objects", "main:big.txt")) as BlobAnswer;
    expect(blob.isTruncated).toBe(true);
    expect(blob.byteSize).toBe(BLOB_TEXT_LIMIT + 101);
    // `é` spans bytes 511,999–512,000: the cut falls before it rather than inside it.
    expect(blob.text).toBe("a".repeat(BLOB_TEXT_LIMIT - 1));
    const exact = "b".repeat(BLOB_TEXT_LIMIT);
    await putFile("objects", "exact.txt", exact);
    expect(objectData(await objectOf("objects", "main:exact.txt"))).toMatchObject({
      text: exact,
      isTruncated: false,
      byteSize: BLOB_TEXT_LIMIT,
    });
  });

  it("cuts truncated text at the byte limit, between UTF-8 characters", () => {
    expect(blobText("abcdef", 4)).toEqual({ text: "abcd", truncated: true });
    expect(blobText("abcd", 4)).toEqual({ text: "abcd", truncated: false });
    expect(blobText("abé", 3)).toEqual({ text: "ab", truncated: true });
    expect(blobText("ab€x", 5)).toEqual({ text: "ab€", truncated: true });
    expect(blobText("ab€x", 4)).toEqual({ text: "ab", truncated: true });
  });

  it("needs contents=read of a fine-grained token: FORBIDDEN on the field otherwise", async () => {
    const owner = sim.state.getAccount(sim.state.findToken(sim.adminToken)?.userId ?? 0);
    const issue = async (permissions: Record<string, string>) => {
      const created = await controlAnswer<{ token: string }>(sim, "POST", "/tokens/fine-grained", {
        login: owner.login,
        organization: org,
        permissions,
      });
      expect(created.status).toBe(201);
      return created.body.token;
    };
    const without = await issue({ metadata: "read", pull_requests: "read" });
    const refused = await objectOf("objects", "main:README.md", BLOB, without);
    expect(refused.body.data).toEqual({ repository: { object: null } });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        type: "FORBIDDEN",
        message: "Resource not accessible by personal access token",
        path: ["repository", "object"],
      }),
    ]);
    const withContents = await issue({ contents: "read" });
    const allowed = await objectOf("objects-private", "main:README.md", BLOB, withContents);
    expect(allowed.body.errors).toBeUndefined();
    expect(objectData(allowed)).toMatchObject({ text: "# objects-private\n\n" });
  });

  it("asks a classic token for `repo` on a private repository only, as the REST Contents route does", async () => {
    const issue = async (scopes: string[]) => {
      const created = await controlAnswer<{ token: string }>(sim, "POST", "/tokens", {
        login: sim.state.getAccount(sim.state.findToken(sim.adminToken)?.userId ?? 0).login,
        scopes,
      });
      expect(created.status).toBe(201);
      return created.body.token;
    };
    const noScope = await issue([]);
    expect(objectData(await objectOf("objects", "main:README.md", BLOB, noScope))).toMatchObject({
      text: README,
    });
    const hidden = await objectOf("objects-private", "main:README.md", BLOB, noScope);
    expect(hidden.body.errors?.[0]).toMatchObject({ type: "NOT_FOUND", path: ["repository"] });
    const rest = await call(sim, `/repos/${org}/objects-private/contents/README.md`, { token: noScope });
    expect(rest.status).toBe(404);
    const repo = await issue(["repo"]);
    expect(objectData(await objectOf("objects-private", "main:README.md", BLOB, repo))).toMatchObject({
      text: "# objects-private\n\n",
    });
  });

  it("answers NOT_IMPLEMENTED, never a wrong value, for what it does not model", async () => {
    const byOid = await graphql(
      `query($o: String!, $n: String!) { repository(owner: $o, name: $n) {
        object(oid: "${gitBlobSha(Buffer.from(README))}") { __typename } } }`,
      { o: org, n: "objects" },
    );
    expect(byOid.body.errors?.[0]).toMatchObject({ type: "NOT_IMPLEMENTED", path: ["repository", "object"] });
    for (const expression of ["main", "main~1:README.md", "HEAD^:README.md"]) {
      const answer = await objectOf("objects", expression);
      expect(answer.body.errors?.[0], expression).toMatchObject({ type: "NOT_IMPLEMENTED" });
      expect(answer.body.data).toEqual({ repository: { object: null } });
    }
    const linguist = await objectOf(
      "objects",
      "main:docs",
      "... on Tree { entries { name language { name } } }",
    );
    expect(linguist.body.errors?.[0]).toMatchObject({ type: "NOT_IMPLEMENTED" });
  });
});
