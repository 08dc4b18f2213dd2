import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { limitHeapGrowth } from "../src/cli/limit-heap-growth.js";
import { hasSettingsDataSource } from "../src/cli/settings-data-source.js";
import { startPortolan } from "../src/cli/start-portolan.js";
import { silentLogger } from "../src/engine/logging/create-logger.js";
import { settingsSchema } from "../src/engine/settings/settings-schema.js";
import type { ResyncSummary } from "../src/engine/sync/resync-summary.js";
import { FILES_PER_QUERY } from "../src/github/kinds/read-included-files.js";
import { isSimulatorScale } from "../src/simulator/parse-simulator-options.js";
import type { RequestLogSummary } from "../src/simulator/start-simulator.js";
import { INCLUDED_FILES, type ReferenceWalk, type ReferenceWalkRun } from "./reference-walk-process.js";
import type { SimulatorProcessReady } from "./simulator-process.js";

const SCALE = isSimulatorScale(process.env.BENCH_SCALE) ? process.env.BENCH_SCALE : "medium";
/** Repositories the reference walk reads at once (Octokit-free `fetch`, no mapping, no catalog). */
const REFERENCE_CONCURRENCY = Number(process.env.BENCH_REFERENCE_CONCURRENCY ?? 8);
/** High enough that no budget runs out: the bench measures Portolan, not a wait for a reset. */
const CORE_LIMIT = 1_000_000;
const MIB = 2 ** 20;
/** The speed goal of the first resync (issue 6, point 8), for the CPU budget line. */
const GOAL_ENTITIES_PER_SECOND = 2_000;
/** Linux's USER_HZ, the unit of `/proc/PID/stat` times (100 on every Linux architecture Node runs on). */
const CLOCK_TICKS_PER_SECOND = 100;
/** A directory to write a V8 CPU profile of each resync to (`first-resync.cpuprofile`, …), for Chrome DevTools. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
const SIMULATOR_PROCESS = fileURLToPath(new URL("./simulator-process.js", import.meta.url));
const REFERENCE_WALK_PROCESS = fileURLToPath(new URL("./reference-walk-process.js", import.meta.url));

/**
 * `npm run bench -- resync`: Portolan's real resync (`startPortolan`, embedded PGlite catalog on disk,
 * Ocean's default mapping) against the simulator's `medium` organization, served from a child process
 * (GitHub is another machine), so RSS and CPU time are Portolan's alone. Prints requests made vs the
 * minimum pages needed, rate-limit points of the first and of a second unchanged resync, entities/s
 * into the catalog, CPU seconds, peak RSS, and a reference: the same pages fetched with plain `fetch`.
 */
export async function resyncBench(): Promise<void> {
  // Portolan's memory as `portolan serve` or `portolan sync` runs it.
  limitHeapGrowth();
  const memory = startRssSampler();
  const { child, simulator } = await startSimulatorProcess();
  const dataDir = await mkdtemp(join(tmpdir(), "portolan-resync-bench-"));
  try {
    process.stdout.write(
      `resync bench: simulator scale ${SCALE} in a child process (RSS and CPU below are Portolan's alone), ` +
        `Node ${process.version}, core rate limit ${CORE_LIMIT}/h and no secondary limit (not throttled)\n`,
    );
    // A first walk generates every repository's contents in the simulator (as GitHub has them stored):
    // the timed one, like Portolan's resyncs after it, finds them in memory.
    await referenceWalkProcess(simulator);
    const simulatorCpuBefore = cpuSecondsOf(child.pid);
    const reference = await referenceWalkProcess(simulator);
    const referenceSimulatorCpu = cpuSecondsOf(child.pid) - simulatorCpuBefore;
    const referenceRate = reference.result.items / reference.seconds;
    process.stdout.write(
      `reference (plain fetch, ${REFERENCE_CONCURRENCY} repositories at once, no mapping/catalog, second walk): ` +
        `${reference.result.requests} requests, ${reference.result.items} items in ${reference.seconds.toFixed(1)} s ` +
        `= ${Math.round(referenceRate)} items/s, client CPU ${reference.cpuSeconds.toFixed(1)} s, ` +
        `simulator CPU ${referenceSimulatorCpu.toFixed(1)} s\n`,
    );

    const settings = settingsSchema.parse({
      integration: {
        identifier: "github-bench",
        type: "github",
        config: {
          githubHost: simulator.url,
          githubToken: simulator.adminToken,
          githubOrganization: simulator.organization,
        },
      },
      dataDir,
      host: "127.0.0.1",
      port: 0,
    });
    const portolan = await startPortolan({ settings, logger: silentLogger() });
    const startPeak = memory.restartPeak();
    try {
      if (!hasSettingsDataSource(portolan))
        throw new Error("Portolan started without its GitHub data source");
      const { dataSource } = portolan;
      const resync = async (label: string) => {
        await control(simulator, "DELETE", "requests");
        const pointsBefore = await pointsUsed(simulator);
        const cpuBefore = process.cpuUsage();
        const threadsBefore = ownThreadCpuSeconds();
        const simulatorCpuBefore = cpuSecondsOf(child.pid);
        const run = await profiled(label, () =>
          timed(async () => {
            const outcome = await dataSource.requestResync("bench");
            if (!outcome.started) throw new Error("a resync was already running");
            return outcome.summary;
          }),
        );
        const cpu = process.cpuUsage(cpuBefore);
        const threads = ownThreadCpuSeconds();
        const simulatorCpu = cpuSecondsOf(child.pid) - simulatorCpuBefore;
        const portolanCpu = (cpu.user + cpu.system) / 1e6;
        const points = (await pointsUsed(simulator)) - pointsBefore;
        const log = withoutOwnRateLimitReads(
          (await control(simulator, "GET", "requests")) as RequestLogSummary,
        );
        const entities = seenEntities(run.result);
        const rate = entities / run.seconds;
        process.stdout.write(
          `${label}: status ${run.result.status}, ${entities} entities (${describeKinds(run.result)}) in ` +
            `${run.seconds.toFixed(1)} s = ${Math.round(rate)} entities/s (${(rate / referenceRate).toFixed(2)}× ` +
            `the reference), Portolan CPU ${portolanCpu.toFixed(1)} s${describeThreads(threadsBefore, threads)}, simulator CPU ` +
            `${simulatorCpu.toFixed(1)} s, ${log.total} requests ` +
            `(${describeCounts(log.byStatus)}), ${points} rate-limit points\n`,
        );
        return {
          requests: log.total,
          byEndpoint: log.byEndpoint,
          points,
          entities,
          portolanCpu,
          simulatorCpu,
        };
      };

      const first = await resync("first resync");
      const second = await resync("unchanged resync");
      const minimum = minimumRequests(reference.result);
      process.stdout.write(
        `requests by endpoint (first resync): ${describeCounts(first.byEndpoint)}\n` +
          `minimum requests: ${minimum.total} = 1 organization + ${minimum.repositoryPages} repository pages + ` +
          `${minimum.fileQueries} GraphQL queries of ${FILES_PER_QUERY} included files + ` +
          `${minimum.pullRequestPages} open pull-request pages ` +
          `(${minimum.repositories} repositories, ${minimum.openPullRequests} open pull requests)\n` +
          `requests made / minimum: ${(first.requests / minimum.total).toFixed(3)}× (goal ≤ 1.05×)\n` +
          `rate-limit points unchanged / first: ${second.points} / ${first.points} = ` +
          `${((100 * second.points) / Math.max(first.points, 1)).toFixed(1)} % (goal ≤ 5 %)\n` +
          describeCpuBudget(first),
      );
    } finally {
      await portolan.close();
    }
    const rss = memory.stop();
    process.stdout.write(
      `RSS: start ${(rss.first / MIB).toFixed(0)} MiB, peak while Portolan started ${(startPeak / MIB).toFixed(0)} ` +
        `MiB (PGlite's initdb of the new data directory runs in a child process, not counted), peak during the resyncs ` +
        `${(rss.peak / MIB).toFixed(0)} MiB${describePeak(rss.atPeak)}, end ${(rss.last / MIB).toFixed(0)} MiB ` +
        "(goal: flat, < 500 MB = 477 MiB)\n",
    );
  } finally {
    memory.stop();
    child.kill("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `work` under V8's CPU profiler when `BENCH_CPU_PROFILE_DIR` is set; its profile written there as `<label>.cpuprofile`. */
async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (!CPU_PROFILE_DIR) return work();
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    const result = await work();
    const { profile } = await session.post("Profiler.stop");
    await mkdir(CPU_PROFILE_DIR, { recursive: true });
    const file = join(CPU_PROFILE_DIR, `${label.replaceAll(" ", "-")}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    process.stdout.write(`CPU profile of the ${label}: ${file}\n`);
    return result;
  } finally {
    session.disconnect();
  }
}

/**
 * The reference walk in a process of its own (`reference-walk-process.ts`), so that its memory is not
 * counted in Portolan's RSS: its result and the seconds it took.
 */
async function referenceWalkProcess(simulator: SimulatorProcessReady): Promise<ReferenceWalkRun> {
  const child = spawn(
    process.execPath,
    [REFERENCE_WALK_PROCESS, JSON.stringify(simulator), String(REFERENCE_CONCURRENCY)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout });
  const [[line], [code]] = await Promise.all([once(lines, "line"), once(child, "exit")]);
  if (code !== 0) throw new Error(`the reference walk exited with code ${String(code)}`);
  return JSON.parse(String(line)) as ReferenceWalkRun;
}

/**
 * CPU seconds (user and system) a process has used so far, from Linux's `/proc/PID/stat`, counted in
 * clock ticks of 1/100 s; NaN elsewhere. The simulator's share of the machine: with 2 cores, the
 * reference and Portolan can go no faster than the simulator serves.
 */
function cpuSecondsOf(pid: number | undefined): number {
  return cpuSecondsIn(`/proc/${pid}/stat`);
}

/** The CPU seconds a `stat` file of `/proc` holds (a process's, or one thread's under `task/`); NaN if unreadable. */
function cpuSecondsIn(statFile: string): number {
  try {
    const stat = readFileSync(statFile, "utf8");
    // Fields after the command name (in parentheses, which may hold spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds this process's threads have used so far, the main thread apart from the others (V8's
 * optimizing compilers and garbage collector, libuv's pool), from Linux's `/proc/self/task`; undefined
 * elsewhere. Threads that ended meanwhile are not counted.
 */
function ownThreadCpuSeconds(): { main: number; others: number } | undefined {
  try {
    let main = 0;
    let others = 0;
    for (const thread of readdirSync("/proc/self/task")) {
      const seconds = cpuSecondsIn(`/proc/self/task/${thread}/stat`);
      if (Number.isNaN(seconds)) continue;
      if (Number(thread) === process.pid) main += seconds;
      else others += seconds;
    }
    return { main, others };
  } catch {
    return undefined;
  }
}

function describeThreads(
  before: { main: number; others: number } | undefined,
  after: { main: number; others: number } | undefined,
): string {
  if (!before || !after) return "";
  return (
    ` (main thread ${(after.main - before.main).toFixed(1)} s, other threads ` +
    `${(after.others - before.others).toFixed(1)} s)`
  );
}

/**
 * What the speed goal leaves Portolan on this machine: the first resync's entities at the goal's rate
 * take so many seconds, so many CPU-seconds on its cores, of which the simulator (GitHub, here on the
 * same cores) used its share. Even perfectly parallel, Portolan would have to fit in the rest.
 */
function describeCpuBudget(first: { entities: number; portolanCpu: number; simulatorCpu: number }): string {
  const cores = availableParallelism();
  const seconds = first.entities / GOAL_ENTITIES_PER_SECOND;
  const budget = cores * seconds - first.simulatorCpu;
  return (
    `CPU budget of the goal (${GOAL_ENTITIES_PER_SECOND} entities/s): ${first.entities} entities in ` +
    `${seconds.toFixed(2)} s = ${(cores * seconds).toFixed(1)} CPU-seconds on ${cores} cores, less the ` +
    `simulator's ${first.simulatorCpu.toFixed(1)} s: Portolan could use at most ${budget.toFixed(1)} s ` +
    `(perfectly parallel); its first resync used ${first.portolanCpu.toFixed(1)} s\n`
  );
}

/** The simulator in its own process, once it has printed where it listens. */
async function startSimulatorProcess(): Promise<{ child: ChildProcess; simulator: SimulatorProcessReady }> {
  const child = spawn(process.execPath, [SIMULATOR_PROCESS, SCALE, String(CORE_LIMIT)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, "line"),
    once(child, "exit").then(([code]) => {
      throw new Error(`the simulator process exited (${code}) before it was ready`);
    }),
  ])) as [string];
  lines.close();
  return { child, simulator: JSON.parse(line) as SimulatorProcessReady };
}

/** A call to the simulator's control API (`/_simulator/…`); its JSON answer, if any. */
async function control(simulator: SimulatorProcessReady, method: string, path: string): Promise<unknown> {
  const response = await fetch(`${simulator.url}/_simulator/${path}`, { method });
  if (!response.ok) throw new Error(`${method} /_simulator/${path}: ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/**
 * The fewest requests the default mapping can be served with: the organization (1), the
 * organization's repositories by pages of 100, the included files of every repository by GraphQL
 * queries of `FILES_PER_QUERY` files, and each repository's open pull requests by pages of 100 (an
 * empty listing still takes a request). Counted from what the reference walk read: the same
 * organization, unchanged between the runs.
 */
function minimumRequests(walk: ReferenceWalk) {
  const repositoryPages = Math.max(1, Math.ceil(walk.repositories / 100));
  const fileQueries = Math.ceil((INCLUDED_FILES.length * walk.repositories) / FILES_PER_QUERY);
  return {
    total: 1 + repositoryPages + fileQueries + walk.pullRequestPages,
    repositories: walk.repositories,
    openPullRequests: walk.openPullRequests,
    repositoryPages,
    fileQueries,
    pullRequestPages: walk.pullRequestPages,
  };
}

/** Rate-limit points the admin token has used so far (`GET /rate_limit` itself costs none). */
async function pointsUsed(simulator: SimulatorProcessReady): Promise<number> {
  const response = await fetch(`${simulator.url}/rate_limit`, {
    headers: { authorization: `token ${simulator.adminToken}` },
  });
  const body = (await response.json()) as { resources: Record<string, { used: number }> };
  return Object.values(body.resources).reduce((total, resource) => total + resource.used, 0);
}

/** The log without the bench's own two `GET /rate_limit` reads around a resync. */
function withoutOwnRateLimitReads(log: RequestLogSummary): RequestLogSummary {
  const endpoint = "GET /rate_limit";
  const rateLimitReads = (log.byEndpoint[endpoint] ?? 0) - 2;
  const byEndpoint = { ...log.byEndpoint };
  if (rateLimitReads > 0) byEndpoint[endpoint] = rateLimitReads;
  else delete byEndpoint[endpoint];
  const byStatus = { ...log.byStatus, "200": (log.byStatus["200"] ?? 0) - 2 };
  return { ...log, total: log.total - 2, byEndpoint, byStatus };
}

function seenEntities(summary: ResyncSummary): number {
  return Object.values(summary.kinds).reduce((total, counts) => total + counts.seen, 0);
}

function describeKinds(summary: ResyncSummary): string {
  return Object.entries(summary.kinds)
    .map(
      ([kind, counts]) =>
        `${kind} ${counts.seen}: +${counts.upserted} =${counts.unchanged} !${counts.failed}`,
    )
    .join(", ");
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([key, count]) => `${key} ${count}`)
    .join(", ");
}

/**
 * The process's RSS every 100 ms, from start to `stop`; `restartPeak` ends a phase and gives its peak.
 * At each new peak the JS heap and the memory outside it are noted: what the peak is made of.
 */
function startRssSampler() {
  const first = process.memoryUsage.rss();
  let peak = first;
  let last = first;
  let atPeak: NodeJS.MemoryUsage | undefined;
  const sample = () => {
    last = process.memoryUsage.rss();
    if (last > peak) atPeak = process.memoryUsage();
    peak = Math.max(peak, last);
  };
  const timer = setInterval(sample, 100);
  return {
    restartPeak() {
      sample();
      const phasePeak = peak;
      peak = last;
      atPeak = undefined;
      return phasePeak;
    },
    stop() {
      clearInterval(timer);
      sample();
      return { first, peak, last, atPeak };
    },
  };
}

/** What the RSS peak was made of: the JS heap (in use of allocated) and what lies outside it. */
function describePeak(usage: NodeJS.MemoryUsage | undefined): string {
  if (!usage) return "";
  const mib = (bytes: number) => (bytes / MIB).toFixed(0);
  return (
    ` (at the peak: JS heap ${mib(usage.heapUsed)} MiB used of ${mib(usage.heapTotal)}, ` +
    `${mib(usage.rss - usage.heapTotal)} MiB outside it, of which ${mib(usage.external)} in memory V8 tracks ` +
    "outside its heap: PGlite's WASM memory (128 MiB reserved), Buffers)"
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}
