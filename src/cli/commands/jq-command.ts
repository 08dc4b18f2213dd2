import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import { compileJq, toJqJson } from "../../engine/mapping/jq/index.js";
import { readStandardInput } from "../read-standard-input.js";

export function registerJqCommand(program: Command): void {
  program
    .command("jq")
    .description("Run one jq filter with the mapping engine; outputs like `jq -c`")
    .argument("<filter>", "the jq program")
    .argument("[file]", "JSON input file (standard input when absent)")
    .action(async (filter: string, file: string | undefined) => {
      const program = compileJq(filter);
      const text = file ? await readFile(file, "utf8") : await readStandardInput();
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (error) {
        throw new PortolanError("CLI_INVALID_JSON", `the input is not JSON: ${(error as Error).message}`, {
          where: { source: file ?? "standard input" },
          hint: "Give one JSON value.",
        });
      }
      for (const output of program.outputs(input)) process.stdout.write(`${toJqJson(output)}\n`);
    });
}
