import type { Command } from "commander";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import { startSimulator } from "../../simulator/start-simulator.js";
import { parsePort, parsePositiveInteger } from "../parse-option.js";

export function registerSimulatorCommand(program: Command): void {
  program
    .command("simulator")
    .description("Run the GitHub simulator alone (REST at / and /api/v3, control API at /_simulator/)")
    .option("--port <port>", "port (0 = any free port)", parsePort, 0)
    .option("--seed <seed>", "seed of the generated organization", parsePositiveInteger, 1)
    .option("--scale <scale>", "size of the generated organization: small", "small")
    .action(async (options: { port: number; seed: number; scale: string }) => {
      if (options.scale !== "small") {
        throw new PortolanError("CLI_INVALID_SCALE", `scale "${options.scale}" is not available yet`, {
          hint: "Use --scale small.",
        });
      }
      const simulator = await startSimulator({ port: options.port, seed: options.seed, scale: "small" });
      process.stdout.write(
        `GitHub simulator: ${simulator.url} (GHES: ${simulator.enterpriseUrl})\norganization: ${simulator.organization}\ntoken: ${simulator.adminToken}\n`,
      );
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await simulator.close();
    });
}
