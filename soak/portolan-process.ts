import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The package root: this file runs from `soak/` under vitest and from `dist/soak/soak/` once compiled. */
const ROOT = new URL(import.meta.url.includes("/dist/soak/") ? "../../../" : "../", import.meta.url);
const BIN = fileURLToPath(new URL("bin/portolan.js", ROOT));

/** A free loopback port, so the server keeps one webhook URL across restarts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof ProcessExited) throw error;
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`, { cause: last });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

class ProcessExited extends Error {}

export interface PortolanProcessOptions {
  port: number;
  dataDir: string;
  mappingFile: string;
  /** `OCEAN__…` settings: the GitHub host, token, organization, webhook secret. */
  env: Record<string, string>;
  adminPassword: string;
}

/**
 * One `portolan serve` (the built `dist/`) that can be SIGKILLed and started again on the same data
 * directory and port, with a signed-in client for its API (the session lives in the store, so it
 * survives restarts).
 */
export class PortolanProcess {
  private child: ChildProcess | undefined;
  private session: string | undefined;

  constructor(private readonly options: PortolanProcessOptions) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** Starts the server and waits until it answers `/healthz` (its start-up resync runs on). */
  async start(): Promise<void> {
    const { options } = this;
    const child = spawn(
      process.execPath,
      [
        BIN,
        "serve",
        "--config",
        `${options.mappingFile}.absent-config.yaml`,
        "--mapping",
        options.mappingFile,
        "--data-dir",
        options.dataDir,
        "--port",
        String(options.port),
      ],
      {
        env: {
          ...process.env,
          LOG_LEVEL: "error",
          OCEAN__BASE_URL: this.url,
          PORTOLAN_ADMIN_PASSWORD: options.adminPassword,
          ...options.env,
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    this.child = child;
    await waitFor("portolan serve to answer /healthz", async () => {
      if (child.exitCode !== null) throw new ProcessExited(`portolan serve exited with ${child.exitCode}`);
      const response = await fetch(`${this.url}/healthz`);
      return response.status < 500 ? true : undefined;
    });
  }

  /** SIGKILL: no shutdown hook runs, whatever the server was doing. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async api<T>(path: string, init: { method?: string } = {}): Promise<{ status: number; body: T }> {
    if (!this.session) {
      const signIn = await fetch(`${this.url}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: this.options.adminPassword }),
      });
      if (!signIn.ok) throw new Error(`sign-in → ${signIn.status}`);
      this.session = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    }
    const response = await fetch(`${this.url}${path}`, {
      method: init.method ?? "GET",
      headers: { cookie: this.session ?? "" },
    });
    return { status: response.status, body: (await response.json()) as T };
  }
}
