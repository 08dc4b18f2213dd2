import type { Command } from "commander";
import { type DemoOptions, runDemo } from "../demo/run-demo.js";
import { parsePort, parsePositiveInteger } from "../parse-option.js";

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "Start the GitHub simulator, the embedded catalog and the server with the portal; register the webhook and run a full resync",
    )
    .option("--once", "resync once, print a summary and exit", false)
    .option("--json", "print the summary as one JSON object (with --once)", false)
    .option("--data-dir <dir>", "where the embedded catalog keeps its data", ".portolan")
    .option("--port <port>", "port of the server and portal (0 = any free port)", parsePort, 8000)
    .option("--github-port <port>", "port of the GitHub simulator (0 = any free port)", parsePort, 0)
    .option("--seed <seed>", "seed of the generated organization", parsePositiveInteger, 1)
    .option("--workers <count>", "event_workers_count: parallel webhook workers", parsePositiveInteger, 1)
    .action(async (options: DemoOptions) => {
      await runDemo(options);
    });
}
