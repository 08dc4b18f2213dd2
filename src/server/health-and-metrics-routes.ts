import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import type { z } from "zod";
import { isPortolanError } from "../engine/errors/portolan-error.js";
import type { Database } from "../engine/store/database.js";
import type { healthResponse } from "./health-and-metrics-operations.js";

export interface HealthOptions {
  database: Database;
  /** Throws when the source's credentials are not usable (e.g. GitHub answers 401). */
  checkSource: () => Promise<unknown>;
  metrics: Registry;
  /** How long a successful source check is trusted, so probes do not spend the API's rate limit. */
  sourceCheckTtlMs?: number;
}

/**
 * `/healthz` is ready only when the store answers and the source's credentials work (503 with the
 * failing check otherwise); `/metrics` is Prometheus' text format.
 */
export async function registerHealthAndMetricsRoutes(
  app: FastifyInstance,
  options: HealthOptions,
): Promise<void> {
  let sourceCheckedAt = 0;
  app.get("/healthz", async (_request, reply) => {
    const checks: Record<string, string> = {};
    try {
      await options.database.query("SELECT 1");
      checks.store = "ok";
    } catch (error) {
      checks.store = `failing: ${(error as Error).message}`;
    }
    if (Date.now() - sourceCheckedAt < (options.sourceCheckTtlMs ?? 30_000)) checks.source = "ok";
    else {
      try {
        await options.checkSource();
        sourceCheckedAt = Date.now();
        checks.source = "ok";
      } catch (error) {
        // A PortolanError says its code and how to fix it, too.
        checks.source = `failing: ${isPortolanError(error) ? error.describe() : (error as Error).message}`;
      }
    }
    const ready = Object.values(checks).every((check) => check === "ok");
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? "ok" : "unavailable", checks } satisfies z.input<typeof healthResponse>);
  });
  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", options.metrics.contentType);
    return options.metrics.metrics();
  });
}
