import { describe, expect, it } from "vitest";
import { GitHistory } from "../../../src/simulator/state/git-history.js";

const author = { name: "Octo Cat", email: "octocat@example.test", login: "octocat" };

function commitTo(history: GitHistory, repositoryId: number, readme: string) {
  return history.commit(repositoryId, "main", {
    parentSha: null,
    files: new Map([
      ["README.md", readme],
      ["src/index.ts", `export const repository = ${repositoryId};\n`],
    ]),
    message: "Initial commit",
    author,
    timestamp: "2026-03-01T09:00:00Z",
  });
}

describe("GitHistory.forgetRepository", () => {
  it("drops the repository's commits, head and trees and keeps every other repository's", () => {
    const history = new GitHistory(() => {});
    const forgotten = commitTo(history, 1, "# one\n");
    const kept = commitTo(history, 2, "# two\n");
    const forgottenRoot = forgotten.trees.get("")?.sha as string;
    const keptRoot = kept.trees.get("")?.sha as string;

    history.forgetRepository(1);

    expect(history.findCommit(1, forgotten.sha)).toBeUndefined();
    expect(history.headOf(1, "main")).toBeUndefined();
    expect(history.findTree(1, forgottenRoot)).toBeUndefined();
    expect(history.findCommit(2, kept.sha)?.sha).toBe(kept.sha);
    expect(history.headOf(2, "main")?.sha).toBe(kept.sha);
    expect(history.findTree(2, keptRoot)?.tree.sha).toBe(keptRoot);
  });

  it("lets an evicted repository commit the same shas again, and forget them again", () => {
    const history = new GitHistory(() => {});
    const first = commitTo(history, 7, "# seven\n");
    history.forgetRepository(7);
    const again = commitTo(history, 7, "# seven\n");

    expect(again.sha).toBe(first.sha);
    expect(history.headOf(7, "main")?.sha).toBe(first.sha);
    expect(history.findTree(7, again.trees.get("src")?.sha as string)?.tree.path).toBe("src");
    history.forgetRepository(7);
    expect(history.headOf(7, "main")).toBeUndefined();
  });
});
