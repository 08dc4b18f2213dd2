#!/usr/bin/env node
// Runs the whole vitest suite, then prints one plain closing line, "tests: N passed, M failed,
// K skipped", read from vitest's JSON report, so that CI reads our counts and not a count that a
// test printed along the way (the jq conformance summary, say). Exits with vitest's exit code.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const report = "dist/test-results.json";
rmSync(report, { force: true });
const run = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, "utf8"));
  const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  process.stdout.write(
    `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
  );
} else {
  process.stdout.write("tests: 0 passed, 1 failed (vitest wrote no report)\n");
}
process.exit(run.status ?? 1);
