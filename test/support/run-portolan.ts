/**
 * The built `portolan` command (`npm test` builds before it runs the tests), run as a child process
 * with its output piped, and the sync command's set-up against a simulator.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";

export const PORTOLAN_BIN = fileURLToPath(new URL("../../bin/portolan.js", import.meta.url));

export interface CommandOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything a child printed on its piped stdout and stderr, once it exits. */
export function outputOf(
  child: ChildProcess & { stdout: Readable; stderr: Readable },
): Promise<CommandOutput> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `portolan ARGS` to its end, with `env` over this process's environment and `input` on stdin. */
export function runPortolan(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CommandOutput> {
  const child = spawn(process.execPath, [PORTOLAN_BIN, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  const output = outputOf(child);
  child.stdin.end(options.input ?? "");
  return output;
}

/**
 * What `portolan sync` needs against `simulator`: a mapping of organizations and repositories in a new
 * temporary directory, a data directory beside it (`argsWithDataDir` names another one there), no
 * config file, and the GitHub settings as `OCEAN__…`.
 */
export function syncAgainstSimulator(
  simulator: RunningSimulator,
  directoryPrefix: string,
): { args: string[]; env: NodeJS.ProcessEnv; argsWithDataDir: (name: string) => string[] } {
  const directory = mkdtempSync(join(tmpdir(), directoryPrefix));
  const mapping = join(directory, "mapping.yml");
  writeFileSync(mapping, demoMapping(defaultMapping, ["organization", "repository"]));
  const argsWithDataDir = (name: string) => [
    "--config",
    join(directory, "none.yaml"),
    "--mapping",
    mapping,
    "--data-dir",
    join(directory, name),
  ];
  return {
    args: argsWithDataDir("data"),
    argsWithDataDir,
    env: {
      OCEAN__INTEGRATION__CONFIG__GITHUB_HOST: simulator.url,
      OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: simulator.adminToken,
      OCEAN__INTEGRATION__CONFIG__GITHUB_ORGANIZATION: simulator.organization,
    },
  };
}
