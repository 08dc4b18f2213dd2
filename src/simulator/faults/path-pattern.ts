/**
 * A path matcher from a rule's `pathPattern`: a regular expression when it starts with `^`, otherwise a
 * glob where `*` matches within one path segment and `**` matches across segments (e.g. `/orgs/**`).
 * Paths are matched without the query string and without the GitHub Enterprise Server prefix, so one
 * rule covers `/…` and `/api/v3/…` (and `/graphql` covers `/api/graphql`).
 */
export function compilePathPattern(pattern: string): RegExp {
  if (pattern.startsWith("^")) return new RegExp(pattern);
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === "*" && pattern[index + 1] === "*") {
      source += ".*";
      index++;
    } else if (char === "*") {
      source += "[^/]*";
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}
