import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { SimulatorReadyLine } from "../../src/cli/simulator/simulator-ready-line.js";
import { outputOf, PORTOLAN_BIN } from "../support/run-portolan.js";
import { controlAnswer } from "../support/simulator-control.js";

type Child = ChildProcessByStdio<null, Readable, Readable>;

function startCommand(args: string[]): Child {
  return spawn(process.execPath, [PORTOLAN_BIN, "simulator", ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** The first line the command writes on stdout. */
function firstLine(child: Child): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
      const end = text.indexOf("\n");
      if (end >= 0) resolve(text.slice(0, end));
    });
    child.on("close", () => reject(new Error(`exited before the ready line; stdout: ${text}`)));
  });
}

describe("portolan simulator", () => {
  it("prints one JSON ready line whose urls and classic PAT work, and stops on SIGTERM", async () => {
    const child = startCommand(["--port", "0", "--seed", "3", "--scale", "small"]);
    const done = outputOf(child);
    const line = await firstLine(child);
    const ready = JSON.parse(line) as SimulatorReadyLine;
    expect(Object.keys(ready).sort()).toEqual([
      "controlUrl",
      "credentials",
      "graphqlUrl",
      "organizations",
      "url",
    ]);
    expect(Object.keys(ready.credentials).sort()).toEqual([
      "appId",
      "appPrivateKeyFile",
      "classicPat",
      "fineGrainedPat",
    ]);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const [organization] = ready.organizations;
    const headers = { authorization: `token ${ready.credentials.classicPat}` };

    const org = await fetch(`${ready.url}/orgs/${organization}`, { headers });
    expect(org.status).toBe(200);
    expect(((await org.json()) as { login: string }).login).toBe(organization);
    const graphql = await fetch(ready.graphqlUrl, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ query: `{ organization(login: "${organization}") { login } }` }),
    });
    expect(await graphql.json()).toEqual({ data: { organization: { login: organization } } });
    expect(ready.controlUrl).toBe(`${ready.url}/_simulator`);
    const control = await controlAnswer(ready.url, "DELETE", `/repos/${organization}/no-such-repository`);
    expect(control.status).toBe(404);
    const fineGrained = await fetch(`${ready.url}/orgs/${organization}/repos`, {
      headers: { authorization: `Bearer ${ready.credentials.fineGrainedPat}` },
    });
    expect(fineGrained.status).toBe(200);
    expect(ready.credentials.appId).toBeTypeOf("number");
    const keyFile = ready.credentials.appPrivateKeyFile;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, "utf8")).toContain("PRIVATE KEY-----");

    child.kill("SIGTERM");
    const exit = await done;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout.trim().split("\n")).toEqual([line]);
    expect(existsSync(keyFile)).toBe(false);
  }, 30_000);

  it("rejects an unknown scale with CLI_INVALID_SCALE and exit code 2", async () => {
    const exit = await outputOf(startCommand(["--scale", "huge"]));
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe("");
    expect(exit.stderr).toContain("CLI_INVALID_SCALE");
    expect(exit.stderr).toContain("--scale medium");
  });

  it("rejects --resident-repositories that is not a positive whole number, before starting", async () => {
    const exit = await outputOf(startCommand(["--scale", "medium", "--resident-repositories", "0"]));
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe("");
    expect(exit.stderr).toContain("--resident-repositories");
  });
});
