import type { FastifyReply, FastifyRequest } from "fastify";
import { linkHeader, readPageRequest, slicePage } from "./pagination.js";

/** One page of `items` for a list endpoint, with GitHub's `Link` header pointing at `baseUrl`. */
export function pagedReply<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  baseUrl: string,
  items: readonly T[],
): T[] {
  const query = request.query as Record<string, string>;
  const pageRequest = readPageRequest(query);
  const page = slicePage(items, pageRequest);
  const link = linkHeader(baseUrl, new URLSearchParams(query), pageRequest.page, page.lastPage);
  if (link) reply.header("link", link);
  return page.items;
}
