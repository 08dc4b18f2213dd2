import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the JS heap grow past what its last full collection kept, in percent.
 *
 * V8 sizes that growth from the machine's memory: on a 24 GB machine a resync's garbage (answer
 * texts, parsed pages, statement parameters) piled up to about 190 MiB before a full collection, for
 * about 50 MiB of live objects, which put the process's peak RSS near 490 MiB at `medium`. Growing by
 * at most half of what is live collects it sooner (`npm run bench -- resync`; README, "Resync").
 */
export const HEAP_GROWING_PERCENT = 50;

const FLAG = "--heap-growing-percent";

/**
 * Sets V8's heap growth for this process (`portolan` and the benches that run it) unless Node was
 * started with the flag (`node --heap-growing-percent=N …`): the user's value wins. V8 reads the flag
 * at each full collection, so setting it while the process runs takes effect from the next one.
 * Returns whether it set it. (Node does not allow this V8 flag in `NODE_OPTIONS`.)
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((argument) => argument.replaceAll("_", "-").startsWith(FLAG))) return false;
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return true;
}
