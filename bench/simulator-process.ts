/**
 * The other process of `npm run bench -- resync`: GitHub, which in reality is another machine. Starts
 * the simulator with the scale and core rate limit given as arguments, prints one JSON line
 * (`SimulatorProcessReady`) and runs until it is sent SIGTERM.
 */
import { isSimulatorScale } from "../src/simulator/parse-simulator-options.js";
import { startSimulator } from "../src/simulator/start-simulator.js";

export interface SimulatorProcessReady {
  url: string;
  adminToken: string;
  organization: string;
}

const [scale, coreLimit] = process.argv.slice(2);
if (!isSimulatorScale(scale)) throw new Error(`usage: simulator-process.js small|medium|large CORE_LIMIT`);
// Every repository's contents in memory, as GitHub serves them: the bench measures Portolan, not the
// simulator regenerating repositories it evicted.
const simulator = await startSimulator({
  scale,
  logger: false,
  rateLimits: { core: Number(coreLimit) },
  residentRepositories: 20_000,
});
const ready: SimulatorProcessReady = {
  url: simulator.url,
  adminToken: simulator.adminToken,
  organization: simulator.organization,
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
await new Promise<void>((resolve) => process.once("SIGTERM", resolve));
await simulator.close();
