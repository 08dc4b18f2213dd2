/** `per_page` / `page` as GitHub reads them: 30 by default, at most 100; pages start at 1. */
export interface PageRequest {
  perPage: number;
  page: number;
}

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

function positiveInt(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number.parseInt(value, 10);
  return n >= 1 ? n : undefined;
}

export function readPageRequest(query: Record<string, unknown>): PageRequest {
  const perPage = Math.min(positiveInt(query.per_page) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  return { perPage, page: positiveInt(query.page) ?? 1 };
}

/** One page of `items` and the number of the last page (at least 1). */
export function slicePage<T>(items: readonly T[], request: PageRequest): { items: T[]; lastPage: number } {
  const start = (request.page - 1) * request.perPage;
  return {
    items: items.slice(start, start + request.perPage),
    lastPage: Math.max(1, Math.ceil(items.length / request.perPage)),
  };
}

/**
 * GitHub's `Link` header: absolute URLs that keep the request's query and set `page`, in GitHub's order
 * `prev, next, last, first`; undefined when everything fits one page.
 */
export function linkHeader(
  baseUrl: string,
  query: URLSearchParams,
  page: number,
  lastPage: number,
): string | undefined {
  const at = (n: number): string => {
    const params = new URLSearchParams(query);
    params.set("page", String(n));
    return `<${baseUrl}?${params.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return links.length > 0 ? links.join(", ") : undefined;
}
