/**
 * Reads jq's `.test` files (the format of upstream's `jq --run-tests`): a program line, an input line and
 * expected output lines, ended by a blank or comment line; `%%FAIL` cases expect a compile error.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ConformanceCase {
  readonly file: string;
  /** 1-based line of the program. */
  readonly line: number;
  readonly program: string;
  readonly kind: "run" | "fail" | "fail-ignore-message";
  /** Raw JSON text of the input (run cases). */
  readonly input: string;
  /** Raw JSON texts of the expected outputs, or the expected error lines for `%%FAIL`. */
  readonly expected: readonly string[];
}

function isSkippable(line: string): boolean {
  const trimmed = line.replace(/^[ \t]+/, "");
  return trimmed === "" || trimmed.startsWith("#");
}

export function parseConformanceFile(dir: string, file: string): ConformanceCase[] {
  const lines = readFileSync(join(dir, file), "utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  const cases: ConformanceCase[] = [];
  let i = 0;
  while (i < lines.length) {
    if (isSkippable(lines[i] as string)) {
      i++;
      continue;
    }
    let kind: ConformanceCase["kind"] = "run";
    const head = lines[i] as string;
    if (head.startsWith("%%FAIL")) {
      kind = head.includes("IGNORE MSG") ? "fail-ignore-message" : "fail";
      i++;
    }
    const line = i + 1;
    const program = lines[i] as string;
    i++;
    let input = "";
    if (kind === "run") {
      // The input line is always read as input, even when it looks like a comment.
      input = lines[i] ?? "";
      i++;
    }
    const expected: string[] = [];
    while (i < lines.length && !isSkippable(lines[i] as string)) {
      expected.push(lines[i] as string);
      i++;
    }
    cases.push({ file, line, program, kind, input, expected });
  }
  return cases;
}

export const CONFORMANCE_FILES = ["jq.test", "onig.test", "man.test", "manonig.test", "optional.test"];
