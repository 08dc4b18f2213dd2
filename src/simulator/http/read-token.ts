/**
 * The token of an `Authorization` header: `Bearer <token>` or `token <token>` (either case), as GitHub
 * accepts them. Anything else yields null.
 */
export function readToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
