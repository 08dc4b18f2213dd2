import type { Command } from "commander";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import { isSimulatorScale, SIMULATOR_SCALES } from "../../simulator/parse-simulator-options.js";
import { startSimulator } from "../../simulator/start-simulator.js";
import { parsePort, parsePositiveInteger } from "../parse-option.js";
import { buildSimulatorReadyLine } from "../simulator/simulator-ready-line.js";

export function registerSimulatorCommand(program: Command): void {
  program
    .command("simulator")
    .description(
      "Run the GitHub simulator alone (REST at / and /api/v3, GraphQL at /graphql, control API at " +
        "/_simulator/); prints one JSON line (urls, organizations, credentials) when ready",
    )
    .option("--port <port>", "port (0 = any free port)", parsePort, 0)
    .option("--seed <seed>", "seed of the generated organization", parsePositiveInteger, 1)
    .option("--scale <scale>", `size of the generated organization: ${SIMULATOR_SCALES.join(", ")}`, "small")
    .option(
      "--resident-repositories <count>",
      "at medium and large scale, how many repositories' contents stay in memory (default 500)",
      parsePositiveInteger,
    )
    .action(async (options: { port: number; seed: number; scale: string; residentRepositories?: number }) => {
      if (!isSimulatorScale(options.scale)) {
        throw new PortolanError("CLI_INVALID_SCALE", `scale "${options.scale}" is not known`, {
          hint: `Use --scale ${SIMULATOR_SCALES.join(", --scale ")}.`,
          where: { source: "command line", path: "--scale" },
        });
      }
      const simulator = await startSimulator({
        port: options.port,
        seed: options.seed,
        scale: options.scale,
        ...(options.residentRepositories === undefined
          ? {}
          : { residentRepositories: options.residentRepositories }),
      });
      const ready = buildSimulatorReadyLine(simulator);
      try {
        // stdout carries this one line only, so a script can read it and parse it.
        process.stdout.write(`${JSON.stringify(ready.line)}\n`);
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await simulator.close();
      } finally {
        ready.removeKeyFile();
      }
    });
}
