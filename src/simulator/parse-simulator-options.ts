import type { Logger } from "pino";
import { z } from "zod";
import { PortolanError } from "../engine/errors/portolan-error.js";
import { type FaultRuleInput, FaultRuleInputSchema } from "./faults/fault-rule.js";
import {
  defaultRateLimitSettings,
  type RateLimitSettings,
  RateLimitSettingsPatch,
} from "./http/rate-limit-settings.js";
import { DEFAULT_RESIDENT_REPOSITORIES } from "./state/lazy-repository-parts.js";
import { isLoopbackUrl } from "./webhooks/is-loopback-url.js";

/** The generated organization's sizes: `small` (the demo's 20 repositories), `medium`, `large`. */
export const SIMULATOR_SCALES = ["small", "medium", "large"] as const;
export type SimulatorScale = (typeof SIMULATOR_SCALES)[number];

export function isSimulatorScale(value: unknown): value is SimulatorScale {
  return SIMULATOR_SCALES.includes(value as SimulatorScale);
}

export interface SimulatorOptions {
  /** Interface to bind; loopback only. Default `127.0.0.1`. */
  host?: string;
  /** TCP port; 0 (the default) picks any free port. */
  port?: number;
  /** Seed of the generated organization. Default 1. */
  seed?: number;
  /**
   * Size of the generated data: `small` (default, ~20 repositories), `medium` (~1,000 repositories,
   * ~20,000 pull requests) or `large` (~10,000 repositories, ~200,000 pull requests). At `medium` and
   * `large` a repository's contents are generated on first access and may be evicted and regenerated.
   */
  scale?: SimulatorScale;
  /**
   * At `medium` and `large`, how many repositories' generated contents stay in memory at most
   * (default 500; the least recently used are evicted and regenerated when asked for again). Raise it
   * to the organization's size to serve every repository from memory, as GitHub would, at the cost of RSS.
   */
  residentRepositories?: number;
  /** Login of the generated organization. Default `portolan-demo`. */
  organization?: string;
  /** A pino logger for requests and deliveries; `false` (the default) keeps the simulator quiet. */
  logger?: Logger | false;
  /**
   * How changes made after start are timestamped. `seeded` (default): one second per change after the
   * seed's epoch, so a scripted run answers byte for byte the same. `wall`: the real time, for clients
   * that compare `updated_at` with their own clock (incremental sync).
   */
  clock?: "seeded" | "wall";
  /** Rate limits to enforce instead of GitHub's (e.g. `{ core: 3 }` to exhaust a budget in 3 requests). */
  rateLimits?: Partial<RateLimitSettings>;
  /** Fault rules active from the start (the same as `POST /_simulator/faults`). */
  faults?: FaultRuleInput[];
}

export interface ParsedSimulatorOptions {
  host: string;
  port: number;
  seed: number;
  scale: SimulatorScale;
  residentRepositories: number;
  organization: string;
  logger: Logger | undefined;
  clock: "seeded" | "wall";
  rateLimits: RateLimitSettings;
  faults: Array<z.output<typeof FaultRuleInputSchema>>;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Checks the options once, applies the defaults, and says how to fix anything wrong. */
export function parseSimulatorOptions(options: SimulatorOptions = {}): ParsedSimulatorOptions {
  const host = options.host ?? "127.0.0.1";
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  if (!isLoopbackUrl(`http://${hostForUrl}/`)) {
    throw new PortolanError("SIMULATOR_HOST_NOT_LOOPBACK", `the simulator cannot listen on ${host}`, {
      hint: "use 127.0.0.1 (the default), ::1 or localhost: the simulator is only for this machine",
      where: { source: "simulator options", path: "host" },
    });
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PortolanError("SIMULATOR_INVALID_PORT", `port ${String(port)} is not a TCP port`, {
      hint: "pass an integer from 0 to 65535 (0 picks any free port)",
      where: { source: "simulator options", path: "port" },
    });
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new PortolanError(
      "SIMULATOR_INVALID_SEED",
      `seed ${String(seed)} is not an unsigned 32-bit integer`,
      {
        hint: "pass an integer from 0 to 4294967295, e.g. --seed 1",
        where: { source: "simulator options", path: "seed" },
      },
    );
  }
  const scale = options.scale ?? "small";
  if (!isSimulatorScale(scale)) {
    throw new PortolanError("SIMULATOR_UNKNOWN_SCALE", `scale "${String(scale)}" is not known`, {
      hint: `use one of ${SIMULATOR_SCALES.join(", ")}`,
      where: { source: "simulator options", path: "scale" },
    });
  }
  const residentRepositories = options.residentRepositories ?? DEFAULT_RESIDENT_REPOSITORIES;
  if (!Number.isInteger(residentRepositories) || residentRepositories < 1) {
    throw new PortolanError(
      "SIMULATOR_INVALID_RESIDENT_REPOSITORIES",
      `residentRepositories ${String(residentRepositories)} is not a positive integer`,
      {
        hint: `pass a whole number of repositories of at least 1, e.g. ${DEFAULT_RESIDENT_REPOSITORIES} (the default)`,
        where: { source: "simulator options", path: "residentRepositories" },
      },
    );
  }
  const organization = options.organization ?? "portolan-demo";
  if (!LOGIN.test(organization)) {
    throw new PortolanError(
      "SIMULATOR_INVALID_ORGANIZATION",
      `"${organization}" is not a valid GitHub login`,
      {
        hint: "use 1-39 letters, digits or single hyphens, not starting or ending with a hyphen",
        where: { source: "simulator options", path: "organization" },
      },
    );
  }
  const clock = options.clock ?? "seeded";
  if (clock !== "seeded" && clock !== "wall") {
    throw new PortolanError("SIMULATOR_UNKNOWN_CLOCK", `clock "${String(clock)}" is not known`, {
      hint: 'use "seeded" (deterministic, the default) or "wall" (real time)',
      where: { source: "simulator options", path: "clock" },
    });
  }
  const rateLimits = RateLimitSettingsPatch.safeParse(options.rateLimits ?? {});
  if (!rateLimits.success) {
    throw new PortolanError(
      "SIMULATOR_INVALID_RATE_LIMITS",
      `the rate limits are not valid: ${z.prettifyError(rateLimits.error)}`,
      {
        hint: "give whole numbers, e.g. { core: 5000, search: 30, graphql: 5000, concurrentRequests: 100 }",
        where: { source: "simulator options", path: "rateLimits" },
      },
    );
  }
  const faults = z.array(FaultRuleInputSchema).safeParse(options.faults ?? []);
  if (!faults.success) {
    throw new PortolanError(
      "SIMULATOR_INVALID_FAULT",
      `a fault rule is not valid: ${z.prettifyError(faults.error)}`,
      {
        hint: 'write rules like { pathPattern: "/orgs/**", count: 2, fault: "5xx", status: 502 }',
        where: { source: "simulator options", path: "faults" },
      },
    );
  }
  return {
    host,
    port,
    seed,
    scale,
    residentRepositories,
    organization,
    logger: options.logger || undefined,
    clock,
    rateLimits: { ...defaultRateLimitSettings, ...rateLimits.data },
    faults: faults.data,
  };
}
