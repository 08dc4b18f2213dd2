/** Edge cases of the file-like kinds with a scripted GitHub: truncated trees, odd Contents answers. */
import { describe, expect, it } from "vitest";
import type { EventResource } from "../../../src/engine/integration/integration.js";
import { createFileKind } from "../../../src/github/kinds/file.js";
import { createFolderKind } from "../../../src/github/kinds/folder.js";
import { pluginSelectorSchema } from "../../../src/github/kinds/plugin-selector.js";
import { handlePushEvent } from "../../../src/github/webhooks/push-event-kinds.js";
import { collect, FakeGitHub, fakeContext } from "../fake-github.js";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const repo = {
  id: 1,
  name: "svc",
  full_name: "acme/svc",
  owner: { login: "acme" },
  default_branch: "main",
  visibility: "public",
};

function scripted() {
  return new FakeGitHub()
    .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
    .onPages("/orgs/acme/repos", [[repo]]);
}

describe("file-like kinds, edge cases", () => {
  it("a truncated tree still gives what it lists; blobs over 1 MiB and non-blobs are skipped", async () => {
    const fake = scripted()
      .on("GET", "/repos/acme/svc/git/trees/main", {
        body: {
          sha: "t",
          truncated: true,
          tree: [
            { path: "a.json", mode: "100644", type: "blob", sha: "1", size: 10 },
            { path: "big.json", mode: "100644", type: "blob", sha: "2", size: 1024 * 1024 + 1 },
            { path: "sub.json", mode: "160000", type: "commit", sha: "3" },
          ],
        },
      })
      // No `type` in the answer still decodes; NUL bytes are removed.
      .on("GET", "/repos/acme/svc/contents/a.json", {
        body: { path: "a.json", size: 10, encoding: "base64", content: b64('{"a":\u00001}') },
      });
    const kind = createFileKind(fakeContext(fake, { githubOrganization: "acme" }));
    const items = (
      await collect(
        kind.list({
          selector: kind.selectorSchema.parse({ files: [{ path: "*.json" }] }),
          mappingOptions: {},
        }),
      )
    ).flat();
    expect(items.map((item) => [item.path, item.content])).toEqual([["a.json", { a: 1 }]]);
    expect(fake.requests("GET", "/repos/acme/svc/git/trees/main")[0]?.query).toEqual({ recursive: "1" });
  });

  it("a Contents answer without content (a directory, or no encoding) gives no object", async () => {
    const fake = scripted()
      .on("GET", "/repos/acme/svc/git/trees/main", {
        body: {
          sha: "t",
          truncated: false,
          tree: [{ path: "x.txt", mode: "100644", type: "blob", sha: "1", size: 1 }],
        },
      })
      .on("GET", "/repos/acme/svc/contents/x.txt", {
        body: { type: "file", path: "x.txt", size: 1, content: "" },
      });
    const kind = createFileKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({ files: [{ path: "*.txt" }] });
    expect((await collect(kind.list({ selector, mappingOptions: {} }))).flat()).toEqual([]);
  });

  it("folder globs without `*` or `/` read the top-level tree only", async () => {
    const fake = scripted().on("GET", "/repos/acme/svc/git/trees/main", {
      body: {
        sha: "t",
        truncated: false,
        tree: [
          { path: "docs", mode: "040000", type: "tree", sha: "d", url: "u" },
          { path: "README.md", mode: "100644", type: "blob", sha: "r", size: 1, url: "u2" },
        ],
      },
    });
    const kind = createFolderKind(fakeContext(fake, { githubOrganization: "acme" }));
    for (const path of ["*", "", "DOCS"]) {
      const items = (
        await collect(
          kind.list({ selector: kind.selectorSchema.parse({ folders: [{ path }] }), mappingOptions: {} }),
        )
      ).flat();
      expect(items.map((item) => (item.folder as { path: string }).path)).toEqual(["docs"]);
    }
    expect(fake.requests("GET", "/repos/acme/svc/git/trees/main").map((request) => request.query)).toEqual([
      {},
      {},
      {},
    ]);
  });

  it("a plugin whose evidence is gone is not deleted while the tree is truncated", async () => {
    const after = "c".repeat(40);
    const fake = new FakeGitHub()
      .on("GET", "/repos/acme/svc", { body: repo })
      .on("GET", `/repos/acme/svc/compare/${"b".repeat(40)}...${after}`, {
        body: { files: [{ filename: ".cursor-plugin/plugin.json", status: "removed" }] },
      })
      .on("GET", "/repos/acme/svc/git/trees/main", { body: { sha: "t", truncated: true, tree: [] } });
    const context = fakeContext(fake, { githubOrganization: "acme" });
    const resource: EventResource = {
      kind: "plugin",
      selector: pluginSelectorSchema.parse({}),
      mappingOptions: {},
    };
    const payload = {
      ref: "refs/heads/main",
      before: "b".repeat(40),
      after,
      repository: { name: "svc", owner: { login: "acme" }, default_branch: "main" },
      organization: { login: "acme" },
    };
    expect(await handlePushEvent(context, { deliveryId: "1", name: "push", payload }, resource)).toBeNull();
    fake.on("GET", "/repos/acme/svc/git/trees/main", { body: { sha: "t", truncated: false, tree: [] } });
    const changes = await handlePushEvent(context, { deliveryId: "2", name: "push", payload }, resource);
    expect(changes?.deleted).toEqual([
      { plugin: { name: "svc" }, __repository: repo, __branch: "main", __organization: "acme" },
    ]);
  });
});
