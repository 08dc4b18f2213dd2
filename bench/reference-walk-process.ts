/**
 * The reference of `npm run bench -- resync`, in a process of its own (its memory is not Portolan's): the
 * same requests the default mapping needs, made with plain `fetch` — the included files by the same
 * GraphQL queries, one at a time, each repository's open pull requests `concurrency` repositories at
 * once; items counted, nothing kept. Arguments: the simulator's ready line (JSON) and the concurrency.
 * Prints one JSON line: `{ result, seconds, cpuSeconds }` (the walk's own CPU time, user and system).
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { FILES_PER_QUERY, includedFilesQuery } from "../src/github/kinds/read-included-files.js";
import type { SimulatorProcessReady } from "./simulator-process.js";

/** The files Ocean's default mapping reads for each repository (`includedFiles`). */
export const INCLUDED_FILES = ["README.md", "CODEOWNERS"];

export interface ReferenceWalk {
  requests: number;
  items: number;
  repositories: number;
  openPullRequests: number;
  pullRequestPages: number;
}

/**
 * The same requests the default mapping needs, made with plain `fetch`: the included files by the same
 * GraphQL queries, one at a time; items counted, nothing kept.
 */
async function referenceWalk(simulator: SimulatorProcessReady, concurrency: number): Promise<ReferenceWalk> {
  const headers = { authorization: `token ${simulator.adminToken}`, accept: "application/vnd.github+json" };
  let requests = 0;
  const get = async (url: string) => {
    requests += 1;
    const response = await fetch(url, { headers });
    if (!response.ok && response.status !== 404) throw new Error(`${url}: ${response.status}`);
    return response;
  };
  /** Every item of a listing, following `Link` headers, and the pages it took. */
  const list = async (firstUrl: string) => {
    const items: Array<Record<string, unknown>> = [];
    let pages = 0;
    let url: string | undefined = firstUrl;
    while (url) {
      const response: Response = await get(url);
      pages += 1;
      items.push(...((await response.json()) as Array<Record<string, unknown>>));
      url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
    }
    return { items, pages };
  };
  const organization = await get(`${simulator.url}/orgs/${simulator.organization}`);
  await organization.json();
  const { items: repositories } = await list(
    `${simulator.url}/orgs/${simulator.organization}/repos?type=all&per_page=100`,
  );
  const files = repositories.flatMap((repository, index) =>
    INCLUDED_FILES.map((file) => ({
      repository: index,
      owner: simulator.organization,
      name: String(repository.name),
      expression: `${String(repository.default_branch)}:${file}`,
    })),
  );
  for (let start = 0; start < files.length; start += FILES_PER_QUERY) {
    const { query, variables } = includedFilesQuery(files.slice(start, start + FILES_PER_QUERY));
    requests += 1;
    const response = await fetch(`${simulator.url}/graphql`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    if (!response.ok) throw new Error(`POST /graphql: ${response.status}`);
    await response.json();
  }
  let pullRequests = 0;
  let pullRequestPages = 0;
  const queue = repositories.map((repository) => String(repository.full_name));
  const worker = async () => {
    for (let fullName = queue.pop(); fullName; fullName = queue.pop()) {
      const open = await list(`${simulator.url}/repos/${fullName}/pulls?state=open&per_page=100`);
      pullRequests += open.items.length;
      pullRequestPages += open.pages;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    requests,
    items: 1 + repositories.length + pullRequests,
    repositories: repositories.length,
    openPullRequests: pullRequests,
    pullRequestPages,
  };
}

/** What the process prints: the walk, its wall-clock seconds and its own CPU seconds. */
export interface ReferenceWalkRun {
  result: ReferenceWalk;
  seconds: number;
  cpuSeconds: number;
}

// Run as a process (not when the bench imports its constants and types).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [ready = "{}", concurrency = "8"] = process.argv.slice(2);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await referenceWalk(JSON.parse(ready) as SimulatorProcessReady, Number(concurrency));
  const cpu = process.cpuUsage(cpuBefore);
  const walk: ReferenceWalkRun = {
    result,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(walk)}\n`);
}
