/** Where the portal shows one entity: `/entities/<blueprint>/<identifier>`, both parts encoded. */
export function entityPath(key: { blueprint: string; identifier: string }): string {
  return `/entities/${encodeURIComponent(key.blueprint)}/${encodeURIComponent(key.identifier)}`;
}

/** The entity a path names, or undefined when it is not an entity page's path. */
export function parseEntityPath(pathname: string): { blueprint: string; identifier: string } | undefined {
  const match = /^\/entities\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  try {
    return { blueprint: decodeURIComponent(match[1]), identifier: decodeURIComponent(match[2]) };
  } catch {
    return undefined;
  }
}
