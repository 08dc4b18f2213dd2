import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitBlobSha } from "../../../src/simulator/shapes/git-blob-sha.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

interface ContentFile {
  type: string;
  encoding: string;
  size: number;
  name: string;
  path: string;
  content: string;
  sha: string;
  url: string;
  git_url: string;
  html_url: string;
  download_url: string;
  _links: { self: string; git: string; html: string };
}

describe("contents routes", () => {
  let sim: RunningSimulator;
  let withReadme: { name: string; default_branch: string };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 21 });
    const repos = (
      await call<{ name: string; default_branch: string }[]>(
        sim,
        `/orgs/${sim.organization}/repos?per_page=100`,
      )
    ).body;
    const found = repos.find((repo) => {
      const record = sim.state.findRepository(sim.organization, repo.name)?.repository;
      return record && sim.state.readFile(record.id, record.defaultBranch, "README.md") !== undefined;
    });
    if (!found) throw new Error("seed 21 generated no README");
    withReadme = found;
    const withCodeowners = repos.filter((repo) => {
      const record = sim.state.findRepository(sim.organization, repo.name)?.repository;
      return (
        record && sim.state.listFiles(record.id, record.defaultBranch).some((p) => p.endsWith("CODEOWNERS"))
      );
    });
    expect(withCodeowners.length).toBeGreaterThan(0);
    expect(withCodeowners.length).toBeLessThan(repos.length);
  });
  afterAll(() => sim.close());

  it("returns a file as content-file with GitHub's base64, blob sha and links", async () => {
    const base = `/repos/${sim.organization}/${withReadme.name}/contents/README.md`;
    const file = await call<ContentFile>(sim, base);
    expect(file.status).toBe(200);
    const text = Buffer.from(file.body.content, "base64").toString("utf8");
    expect(text.startsWith(`# ${withReadme.name}\n`)).toBe(true);
    expect(file.body.content.split("\n").every((line) => line.length <= 60)).toBe(true);
    expect(file.body).toMatchObject({
      type: "file",
      encoding: "base64",
      name: "README.md",
      path: "README.md",
      size: Buffer.byteLength(text),
      sha: gitBlobSha(Buffer.from(text)),
      url: `${sim.url}${base}?ref=${withReadme.default_branch}`,
      html_url: `${sim.url}/${sim.organization}/${withReadme.name}/blob/${withReadme.default_branch}/README.md`,
    });
    expect(file.body._links.self).toBe(file.body.url);
    expect(file.body.git_url).toBe(
      `${sim.url}/repos/${sim.organization}/${withReadme.name}/git/blobs/${file.body.sha}`,
    );
  });

  it("knows a git blob sha (hello world, as git hash-object computes it)", () => {
    expect(gitBlobSha(Buffer.from("hello world\n"))).toBe("3b18e512dba79e4c8300dd08aeb37f8e728b8dad");
  });

  it("honours ref, answers unknown refs and paths with GitHub's 404 bodies", async () => {
    const base = `/repos/${sim.organization}/${withReadme.name}/contents`;
    const explicit = await call<ContentFile>(sim, `${base}/README.md?ref=${withReadme.default_branch}`);
    expect(explicit.status).toBe(200);
    const badRef = await call(sim, `${base}/README.md?ref=no-such-branch`);
    expect(badRef.status).toBe(404);
    expect(badRef.body).toEqual({
      message: "No commit found for the ref no-such-branch",
      documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
      status: "404",
    });
    const missing = await call(sim, `${base}/nope.txt`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
      status: "404",
    });
  });

  it("lists a directory and returns raw bytes for the raw media type", async () => {
    const base = `/repos/${sim.organization}/${withReadme.name}/contents`;
    const root = await call<{ name: string; type: string }[]>(sim, `${base}/`);
    expect(root.status).toBe(200);
    expect(root.body.some((entry) => entry.name === "README.md" && entry.type === "file")).toBe(true);
    const raw = await call(sim, `${base}/README.md`, {
      headers: { accept: "application/vnd.github.raw+json" },
    });
    expect(raw.text.startsWith(`# ${withReadme.name}`)).toBe(true);
  });

  it("sees files set through the control API, also on a new branch", async () => {
    const path = `/_simulator/repos/${sim.organization}/${withReadme.name}/contents/docs/guide.md`;
    const put = await fetch(`${sim.url}${path}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "# Guide\n" }),
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { deliveries: string[] }).deliveries).toEqual([]);
    const file = await call<ContentFile>(
      sim,
      `/repos/${sim.organization}/${withReadme.name}/contents/docs/guide.md`,
    );
    expect(Buffer.from(file.body.content, "base64").toString()).toBe("# Guide\n");
    const dir = await call<{ name: string; type: string; path: string }[]>(
      sim,
      `/repos/${sim.organization}/${withReadme.name}/contents/docs`,
    );
    expect(dir.body).toContainEqual(
      expect.objectContaining({ name: "guide.md", path: "docs/guide.md", type: "file" }),
    );
    await fetch(`${sim.url}${path}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "draft\n", branch: "feature/x" }),
    });
    const onBranch = await call<ContentFile>(
      sim,
      `/repos/${sim.organization}/${withReadme.name}/contents/docs/guide.md?ref=feature/x`,
    );
    expect(Buffer.from(onBranch.body.content, "base64").toString()).toBe("draft\n");
  });

  it("answers 'This repository is empty.' for a repository without files", async () => {
    await controlSimulator(sim, "POST", `/orgs/${sim.organization}/repos`, { name: "empty-one" });
    const empty = await call(sim, `/repos/${sim.organization}/empty-one/contents/README.md`);
    expect(empty.status).toBe(404);
    expect(empty.body).toMatchObject({ message: "This repository is empty.", status: "404" });
  });
});
