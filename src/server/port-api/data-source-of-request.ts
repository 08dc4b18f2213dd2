import type { FastifyRequest } from "fastify";

/** `port-ocean/{type}/{version}/{identifier}/{feature}`: how Ocean names itself to Port. */
const OCEAN_USER_AGENT = /^port-ocean\/[^/\s]+\/[^/\s]+\/[^/\s]+\/[^/\s]+$/;

/** Owner of what a request writes when its User-Agent is not Ocean's. */
export const PORT_API_DATA_SOURCE = "port-api";

/**
 * The data source a write is owned by, as Port derives it: an Ocean integration's User-Agent as
 * sent (so `$datasource` prefix/suffix searches find its entities whatever its version);
 * anything else writes as the plain API.
 */
export function dataSourceOfRequest(request: FastifyRequest): string {
  const agent = request.headers["user-agent"]?.trim() ?? "";
  return OCEAN_USER_AGENT.test(agent) ? agent : PORT_API_DATA_SOURCE;
}
