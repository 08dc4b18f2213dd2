/**
 * A global node id in GitHub's legacy (v1) format: base64 of `<type-name length padded to 3>:<Type><id>`,
 * e.g. `MDEwOlJlcG9zaXRvcnkxMjk2MjY5` for Repository 1296269. GraphQL accepts both formats.
 */
export function nodeId(
  type:
    | "User"
    | "Organization"
    | "Repository"
    | "Hook"
    | "Team"
    | "PullRequest"
    | "Issue"
    | "Release"
    | "Label"
    | "Ref"
    | "Blob"
    | "Tree",
  id: number | string,
): string {
  const lengths = {
    User: "04",
    Organization: "012",
    Repository: "010",
    Hook: "04",
    Team: "04",
    PullRequest: "011",
    Issue: "05",
    Release: "07",
    Label: "05",
    Ref: "03",
    Blob: "04",
    Tree: "04",
  } as const;
  return Buffer.from(`${lengths[type]}:${type}${id}`).toString("base64");
}
