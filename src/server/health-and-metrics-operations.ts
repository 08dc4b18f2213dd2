import { z } from "zod";
import type { ApiOperation } from "./openapi/api-operation.js";

export const healthResponse = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z
    .record(z.string(), z.string())
    .describe('per check (`store`, `source`): "ok", or "failing: " with the reason and how to fix it'),
});

const TAG = "Operations";

export const healthAndMetricsOperations: readonly ApiOperation[] = [
  {
    method: "GET",
    url: "/healthz",
    operationId: "getHealth",
    tag: TAG,
    summary: "Ready when the store answers and the GitHub credentials work with every permission needed",
    access: "public",
    responses: {
      200: { description: "Ready.", schema: healthResponse },
      503: { description: "Not ready: the failing checks say why.", schema: healthResponse },
    },
  },
  {
    method: "GET",
    url: "/metrics",
    operationId: "getMetrics",
    tag: TAG,
    summary: "Prometheus metrics: resyncs, webhook deliveries, GitHub rate limits",
    access: "public",
    responses: {
      200: {
        description: "Prometheus' text exposition format.",
        contentType: "text/plain",
        schema: z.string(),
      },
    },
  },
];
