import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { SyncProgress } from "../../../src/cli/sync/sync-progress.js";
import { emptyKindCounts, type ResyncSummary } from "../../../src/engine/sync/resync-summary.js";

function summary(status: ResyncSummary["status"], kinds: Record<string, number>): ResyncSummary {
  return {
    id: "r1",
    dataSource: "github",
    trigger: "cli",
    status,
    startedAt: new Date(0).toISOString(),
    kinds: Object.fromEntries(
      Object.entries(kinds).map(([kind, seen]) => [kind, { ...emptyKindCounts(), seen, upserted: seen }]),
    ),
    errors: [],
    deletion: { performed: false, reason: "", candidates: 0 },
    deletions: [],
    refusedDeletions: [],
    entityFailures: [],
    fieldFailures: [],
  };
}

function capture(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream: PassThrough & { isTTY?: boolean } = new PassThrough();
  stream.isTTY = isTTY;
  let text = "";
  stream.on("data", (chunk) => {
    text += chunk;
  });
  return { stream, text: () => text };
}

describe("SyncProgress", () => {
  it("prints one plain line per finished kind when the output is not a terminal", () => {
    const output = capture(false);
    const progress = new SyncProgress(output.stream, {});
    progress.update(summary("running", { organization: 1 }));
    progress.update(summary("running", { organization: 1, repository: 40 }));
    progress.update(summary("completed", { organization: 1, repository: 80 }));
    expect(output.text()).toBe(
      "organization: seen 1, upserted 1, unchanged 0, failed 0, deleted 0\n" +
        "repository: seen 80, upserted 80, unchanged 0, failed 0, deleted 0\n",
    );
  });

  it("draws a bar per kind on a terminal, against what the previous resync saw, redrawn in place", () => {
    const output = capture(true);
    const progress = new SyncProgress(output.stream, { repository: 80 });
    progress.update(summary("running", { repository: 40 }));
    expect(output.text()).toContain(`[${"#".repeat(12)}${"·".repeat(12)}]  50 %`);
    progress.update(summary("completed", { repository: 80 }));
    expect(output.text()).toContain("\u001b[1A");
    expect(output.text()).toContain(`[${"#".repeat(24)}] 100 %`);
  });
});
