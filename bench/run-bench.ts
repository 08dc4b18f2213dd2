/**
 * `npm run bench -- NAME`: runs one benchmark by name. Benchmarks are never part of `npm test`.
 */
import { catalogBench } from "./catalog-bench.js";
import { eventsBench } from "./events-bench.js";
import { mappingBench } from "./mapping-bench.js";
import { resyncBench } from "./resync-bench.js";
import { simulatorBench } from "./simulator-bench.js";

const BENCHES: Readonly<Record<string, () => Promise<void>>> = {
  catalog: catalogBench,
  events: eventsBench,
  mapping: mappingBench,
  resync: resyncBench,
  simulator: simulatorBench,
};

const name = process.argv[2];
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <name>; benchmarks: ${Object.keys(BENCHES).join(", ")}\n`);
  process.exit(2);
}
await bench();
