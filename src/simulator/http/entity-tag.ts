import { createHash } from "node:crypto";

/** A weak entity tag of a response body, in GitHub's `W/"<hex>"` form. */
export function entityTag(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("hex")}"`;
}

/** Whether `If-None-Match` names this tag (weak comparison, list or `*`, as RFC 9110 says). */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (value: string): string => value.trim().replace(/^W\//, "");
  return header.split(",").some((candidate) => candidate.trim() === "*" || opaque(candidate) === opaque(tag));
}
