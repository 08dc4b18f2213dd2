import { authOperations } from "../auth/auth-operations.js";
import { catalogApiOperations } from "../catalog-api-operations.js";
import { dataSourceOperations } from "../data-source-operations.js";
import { healthAndMetricsOperations } from "../health-and-metrics-operations.js";
import { mappingOperations } from "../mapping-operations.js";
import { rawExamplesOperations } from "../raw-examples-operations.js";
import { webhookOperations } from "../webhook-operations.js";
import type { ApiOperation } from "./api-operation.js";
import { openApiOperations } from "./openapi-operations.js";

/**
 * Every operation of Portolan's own HTTP API: one list per route file, written beside it
 * (`x-routes.ts` → `x-operations.ts`). A new route file adds its list here; the contract test
 * (test/server/openapi-contract.test.ts) fails for a registered route that no list describes.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  ...authOperations,
  ...catalogApiOperations,
  ...rawExamplesOperations,
  ...dataSourceOperations,
  ...mappingOperations,
  ...webhookOperations,
  ...healthAndMetricsOperations,
  ...openApiOperations,
];
