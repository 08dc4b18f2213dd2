import { performance } from "node:perf_hooks";
import { startSimulator } from "../src/simulator/start-simulator.js";

/**
 * `npm run bench -- simulator`: how long the `medium` and `large` organizations take to be ready, and
 * the peak memory (RSS of this process: the simulator and a one-page-at-a-time client) while a client
 * lists every repository of `large` and every pull request of each, following `Link` headers.
 * `BENCH_SIMULATOR_SCALE=medium` walks `medium` instead.
 */
export async function simulatorBench(): Promise<void> {
  const walked = process.env.BENCH_SIMULATOR_SCALE === "medium" ? "medium" : "large";
  const medium = await timedStart("medium");
  if (walked === "large") await medium.simulator.close();
  const target = walked === "medium" ? medium : await timedStart("large");
  const { simulator } = target;
  const headers = { authorization: `token ${simulator.adminToken}`, accept: "application/vnd.github+json" };
  let peakRss = process.memoryUsage.rss();
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 100);

  /** Every item of a listing, page by page; only the count is kept. */
  async function count(firstUrl: string, onItem?: (item: Record<string, unknown>) => void): Promise<number> {
    let url: string | undefined = firstUrl;
    let total = 0;
    while (url) {
      const response: Response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      const items = (await response.json()) as Array<Record<string, unknown>>;
      total += items.length;
      for (const item of items) onItem?.(item);
      url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
      sample();
    }
    return total;
  }

  const started = performance.now();
  const repositories: string[] = [];
  await count(`${simulator.url}/orgs/${simulator.organization}/repos?per_page=100`, (repo) => {
    repositories.push(String(repo.full_name));
  });
  let pullRequests = 0;
  for (const fullName of repositories) {
    pullRequests += await count(`${simulator.url}/repos/${fullName}/pulls?state=all&per_page=100`);
  }
  clearInterval(timer);
  sample();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${walked}: listed ${repositories.length} repositories and ${pullRequests} pull requests in ` +
      `${seconds.toFixed(1)} s; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB ` +
      `(max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB), ` +
      `${simulator.state.residentLazyRepositories} repositories resident at the end\n`,
  );
  await simulator.close();
}

async function timedStart(scale: "medium" | "large") {
  const started = performance.now();
  const simulator = await startSimulator({ scale });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${scale}: ready in ${seconds.toFixed(2)} s, RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB\n`,
  );
  return { simulator, seconds };
}
