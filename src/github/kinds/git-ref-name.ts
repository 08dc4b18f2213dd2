/**
 * Git's rules for branch and tag names (`git check-ref-format`), the part that matters here: a name that
 * breaks them cannot exist on GitHub, and some (`..`, `.` segments) would walk a request URL elsewhere.
 */
export const GIT_REF_NAME_RULES =
  "must be a git branch or tag name (no `..`, `@{`, spaces, `~^:?*[\\`, empty or `.`-led segments, trailing `/`, `.` or `.lock`)";

export function isGitRefName(name: string): boolean {
  if (name === "" || name === "@" || name.includes("..") || name.includes("@{")) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: git forbids control characters in ref names
  if (/[\s~^:?*[\\\x00-\x1f\x7f]/.test(name)) return false;
  if (name.endsWith(".") || name.endsWith(".lock")) return false;
  return name.split("/").every((segment) => segment !== "" && !segment.startsWith("."));
}
