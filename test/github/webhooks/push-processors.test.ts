/**
 * The push processors with GitHub's own example push payloads (`@octokit/webhooks-examples`) and a
 * scripted GitHub: what they ask, what they answer, and what they refuse.
 */
import { describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import type { EventResource, LiveEvent } from "../../../src/engine/integration/integration.js";
import { createFileKind } from "../../../src/github/kinds/file.js";
import { fileSelectorSchema } from "../../../src/github/kinds/file-selector.js";
import { folderSelectorSchema } from "../../../src/github/kinds/folder-selector.js";
import { handlePushEvent } from "../../../src/github/webhooks/push-event-kinds.js";
import { collect, FakeGitHub, fakeContext } from "../fake-github.js";
import { webhookExamples } from "../webhook-examples.js";

type Payload = Record<string, unknown> & { repository: Record<string, unknown> };

const pushes = (webhookExamples.find((entry) => entry.name === "push")?.examples ?? []) as Payload[];
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const event = (payload: Payload): LiveEvent => ({ deliveryId: "d-1", name: "push", payload });

function fileResource(selector: unknown): EventResource {
  return { kind: "file", selector: fileSelectorSchema.parse(selector), mappingOptions: {} };
}

const helloWorld = {
  id: 186853002,
  name: "Hello-World",
  full_name: "Codertocat/Hello-World",
  owner: { login: "Codertocat", type: "User" },
  default_branch: "master",
  visibility: "public",
  private: false,
  created_at: "2019-05-15T15:19:25Z",
};

/** GitHub's example of the first push to the repository's default branch. */
const firstPushToMaster = pushes.find((p) => p.ref === "refs/heads/master") as Payload;

/** A scripted GitHub that knows the examples' repository. */
const fakeHelloWorld = () =>
  new FakeGitHub().on("GET", "/repos/Codertocat/Hello-World", { body: helloWorld });

describe("push processors with GitHub's example payloads", () => {
  it("the first push to a repository's default branch reads the added file at that branch", async () => {
    const payload = firstPushToMaster;
    // The Contents API's answer: the file's metadata and its content.
    const metadata = {
      type: "file",
      path: "README.md",
      name: "README.md",
      size: 6,
      sha: "a".repeat(40),
      encoding: "base64",
    };
    const fake = fakeHelloWorld().on("GET", "/repos/Codertocat/Hello-World/contents/README.md", {
      body: { ...metadata, content: b64("# Hi\n") },
    });
    const context = fakeContext(fake, { githubOrganization: "Codertocat" });
    const changes = await handlePushEvent(
      context,
      event(payload),
      fileResource({ files: [{ path: "*.md" }] }),
    );
    expect(changes?.upserted).toEqual([
      {
        organization: "Codertocat",
        content: "# Hi\n",
        repository: helloWorld,
        branch: "master",
        path: "README.md",
        name: "README.md",
        metadata,
        __base_jq: ".content",
      },
    ]);
    // No comparison for a branch's first push: the payload lists what it added.
    expect(fake.log.map((entry) => entry.path)).toEqual([
      "/repos/Codertocat/Hello-World",
      "/repos/Codertocat/Hello-World/contents/README.md",
    ]);
    expect(fake.requests("GET", "/repos/Codertocat/Hello-World/contents/README.md")[0]?.query).toEqual({
      ref: "master",
    });
  });

  it("reads a delivery's repository and changes once for all resources it is applied to", async () => {
    const payload = firstPushToMaster;
    const fake = fakeHelloWorld().on("GET", "/repos/Codertocat/Hello-World/git/trees/master", {
      body: {
        sha: "t",
        truncated: false,
        tree: [{ path: "README.md", mode: "100644", type: "blob", sha: "s" }],
      },
    });
    const context = fakeContext(fake, { githubOrganization: "Codertocat" });
    const delivery = event(payload);
    const folders: EventResource = {
      kind: "folder",
      selector: folderSelectorSchema.parse({ folders: [{ path: "*" }] }),
      mappingOptions: {},
    };
    expect(await handlePushEvent(context, delivery, folders)).toBeNull();
    expect(await handlePushEvent(context, delivery, fileResource({ files: [{ path: "*.txt" }] }))).toBeNull();
    expect(fake.requests("GET", "/repos/Codertocat/Hello-World")).toHaveLength(1);
  });

  it("tag pushes, branch deletions and accounts the integration does not sync change nothing and ask nothing", async () => {
    const fake = new FakeGitHub();
    const context = fakeContext(fake, { githubOrganization: "Codertocat" });
    for (const payload of pushes.filter((p) => p.ref !== "refs/heads/master")) {
      expect(
        await handlePushEvent(context, event(payload), fileResource({ files: [{ path: "**" }] })),
      ).toBeNull();
    }
    const deletion = { ...(pushes[4] as Payload), deleted: true, after: "0".repeat(40) };
    expect(
      await handlePushEvent(context, event(deletion), fileResource({ files: [{ path: "**" }] })),
    ).toBeNull();
    const elsewhere = fakeContext(fake, { githubOrganization: "someone-else" });
    expect(
      await handlePushEvent(
        elsewhere,
        event(pushes[4] as Payload),
        fileResource({ files: [{ path: "**" }] }),
      ),
    ).toBeNull();
    const mapping = {
      ...(pushes[4] as Payload),
      repository: { ...(pushes[4] as Payload).repository, name: ".github-private" },
    };
    expect(
      await handlePushEvent(context, event(mapping), fileResource({ files: [{ path: "**" }] })),
    ).toBeNull();
    expect(fake.log).toEqual([]);
  });

  it("a hostile repository name or a malformed sha is refused before any request", async () => {
    const fake = new FakeGitHub();
    const context = fakeContext(fake);
    const base = pushes[4] as Payload;
    for (const payload of [
      { ...base, repository: { ...base.repository, name: ".." } },
      { ...base, repository: { ...base.repository, owner: { login: "../admin" } } },
      { ...base, after: "not-a-sha" },
    ]) {
      const error = await handlePushEvent(
        context,
        event(payload),
        fileResource({ files: [{ path: "**" }] }),
      ).catch((e: unknown) => e);
      expect(isPortolanError(error) && error.code).toBe("GITHUB_INVALID_PAYLOAD");
    }
    expect(fake.log).toEqual([]);
  });

  it("a pushed feature/x branch is `feature/x` (not its last segment) and compares with `before`", async () => {
    const payload: Payload = {
      ...(pushes[4] as Payload),
      ref: "refs/heads/feature/x",
      before: "b".repeat(40),
    };
    const fake = fakeHelloWorld()
      .on("GET", `/repos/Codertocat/Hello-World/compare/${"b".repeat(40)}...${String(payload.after)}`, {
        body: { files: [{ filename: "app/config.yml", status: "renamed", previous_filename: "config.yml" }] },
      })
      .on("GET", "/repos/Codertocat/Hello-World/contents/app/config.yml", {
        body: { type: "file", path: "app/config.yml", size: 4, encoding: "base64", content: b64("a: 1") },
      });
    const context = fakeContext(fake, { githubOrganization: "Codertocat" });
    const resource = fileResource({
      files: [{ path: "**/*.yml", repos: [{ name: "hello-world", branch: "feature/x" }] }],
    });
    const changes = await handlePushEvent(context, event(payload), resource);
    expect(changes?.upserted.map((item) => [item.path, item.branch, item.content])).toEqual([
      ["app/config.yml", "feature/x", { a: 1 }],
    ]);
    // The old path of the rename is gone at the branch head: deleted.
    expect(changes?.deleted.map((item) => [item.path, item.branch])).toEqual([["config.yml", "feature/x"]]);
    expect(fake.requests("GET", "/repos/Codertocat/Hello-World/contents/app/config.yml")[0]?.query).toEqual({
      ref: "feature/x",
    });
  });

  it("folder processor: entries of other organizations or branches do not apply", async () => {
    const fake = fakeHelloWorld();
    const context = fakeContext(fake, { githubOrganization: "Codertocat" });
    const resource: EventResource = {
      kind: "folder",
      selector: folderSelectorSchema.parse({
        folders: [
          { path: "*", organization: "other" },
          { path: "*", repos: [{ name: "Hello-World", branch: "develop" }] },
        ],
      }),
      mappingOptions: {},
    };
    expect(await handlePushEvent(context, event(pushes[4] as Payload), resource)).toBeNull();
  });
});

describe("file kind failures", () => {
  it("a 403 on one repository's tree is an error for the kind, after the other repositories were listed", async () => {
    const repo = (name: string) => ({
      id: name.length,
      name,
      full_name: `acme/${name}`,
      owner: { login: "acme" },
      default_branch: "main",
      visibility: "private",
    });
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("locked"), repo("open")]])
      .on("GET", "/repos/acme/locked/git/trees/main", {
        status: 403,
        headers: { "x-accepted-github-permissions": "contents=read" },
        body: {
          message: "Resource not accessible by personal access token",
          documentation_url: "https://docs.github.com/rest",
        },
      })
      .on("GET", "/repos/acme/open/git/trees/main", {
        body: {
          sha: "t",
          truncated: false,
          tree: [{ path: "a.txt", mode: "100644", type: "blob", sha: "s", size: 1 }],
        },
      })
      .on("GET", "/repos/acme/open/contents/a.txt", {
        body: { type: "file", path: "a.txt", size: 1, encoding: "base64", content: b64("x") },
      });
    const kind = createFileKind(fakeContext(fake, { githubOrganization: "acme" }));
    const pages: unknown[][] = [];
    const error = await (async () => {
      for await (const page of kind.list({
        selector: kind.selectorSchema.parse({ files: [{ path: "*.txt" }] }),
        mappingOptions: {},
      }))
        pages.push(page);
    })().catch((e: unknown) => e);
    expect(pages.flat().map((item) => (item as { path: string }).path)).toEqual(["a.txt"]);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_MISSING_PERMISSION");
    expect(String((error as Error).message)).toMatch(/file tree of acme\/locked/);
  });

  it("an empty repository (409) has no files; a missing named repository is skipped", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .on("GET", "/repos/acme/empty", {
        body: { name: "empty", owner: { login: "acme" }, default_branch: "main" },
      })
      .on("GET", "/repos/acme/empty/git/trees/main", {
        status: 409,
        body: { message: "Git Repository is empty." },
      });
    const kind = createFileKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({
      files: [{ path: "**", repos: [{ name: "empty" }, { name: "gone" }] }],
    });
    expect((await collect(kind.list({ selector, mappingOptions: {} }))).flat()).toEqual([]);
    expect(fake.requests("GET", "/repos/acme/gone")).toHaveLength(1);
  });
});
