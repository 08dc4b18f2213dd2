import type { FastifyReply, FastifyRequest } from "fastify";
import { linkHeader, readPageRequest, slicePage } from "./pagination.js";
import { requireContext } from "./request-context.js";

/**
 * One page of a listing: sets GitHub's `Link` header (absolute URLs on the API base the request used)
 * and returns the page's items.
 */
export function sendPage<T>(request: FastifyRequest, reply: FastifyReply, items: readonly T[]): T[] {
  const { urls } = requireContext(request.github);
  const query = request.query as Record<string, string>;
  const pageRequest = readPageRequest(query);
  const page = slicePage(items, pageRequest);
  const path = request.url.split("?")[0] ?? "";
  // `request.url` includes the `/api/v3` prefix on Enterprise paths; `urls.api` already ends with it.
  const base = urls.api.replace(/\/api\/v3$/, "");
  const link = linkHeader(`${base}${path}`, new URLSearchParams(query), pageRequest.page, page.lastPage);
  if (link) reply.header("link", link);
  return page.items;
}
