import { Command, CommanderError } from "commander";
import { isPortolanError } from "../engine/errors/portolan-error.js";
import { registerDemoCommand } from "./commands/demo-command.js";
import { registerJqCommand } from "./commands/jq-command.js";
import { registerMapCommand } from "./commands/map-command.js";
import { registerServeCommand } from "./commands/serve-command.js";
import { registerSimulatorCommand } from "./commands/simulator-command.js";
import { registerSyncCommand } from "./commands/sync-command.js";
import { exitCodeFor } from "./exit-codes.js";
import { limitHeapGrowth } from "./limit-heap-growth.js";

/** Runs the `portolan` command line; returns the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  limitHeapGrowth();
  const program = new Command("portolan")
    .description("Port's GitHub integration and Ocean, self-hosted: sync GitHub into a catalog")
    .exitOverride()
    .showHelpAfterError();
  registerDemoCommand(program);
  registerServeCommand(program);
  registerSyncCommand(program);
  registerSimulatorCommand(program);
  registerJqCommand(program);
  registerMapCommand(program);
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isPortolanError(error)) {
      process.stderr.write(`portolan: ${error.describe()}\n`);
    } else {
      process.stderr.write(`portolan: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return exitCodeFor(error);
  }
}
