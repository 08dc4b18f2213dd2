/**
 * `npm run soak -- --rounds N --minutes M [--changes K] [--seed S]`: the crash soak (see run-soak.ts).
 * Exits 1 when the soaked catalog differs from a fresh resync, a delivery is not accounted for, or the
 * history shows a resync running after the end.
 */
import { parseArgs } from "node:util";
import { runSoak, type SoakReport } from "./run-soak.js";

function positiveInteger(name: string, text: string | undefined, fallback: number, minimum = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    process.stderr.write(`--${name} must be a whole number ≥ ${minimum}, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

function describe(report: SoakReport): string {
  const lines = [
    `rounds: ${report.rounds}`,
    `changes fired: ${report.changes}`,
    `kills (SIGKILL): ${report.kills}`,
    `resyncs requested: ${report.resyncsRequested} (plus one on each start); cut short by a kill: ${report.resyncs.interrupted}, left running: ${report.resyncs.leftRunning}`,
    `deliveries: ${report.deliveries.events} events in ${report.deliveries.attempts} attempts (${report.deliveries.failedAttempts} failed, the server down); ${report.deliveries.accepted} accepted, ${report.deliveries.redelivered} of them redelivered at start; ${report.deliveries.neverAccepted} never accepted`,
    `deliveries applied: ${report.inbox.done} (inbox failed: ${report.inbox.failed}, unaccounted: ${report.unaccountedDeliveries})`,
    `recovery: ${report.recovery}`,
    `entities compared with a fresh resync: ${report.compared}`,
    `mismatches: ${report.mismatches.length}`,
    ...report.mismatches
      .slice(0, 20)
      .map(
        (mismatch) =>
          `  ${mismatch.problem} ${mismatch.blueprint}/${mismatch.identifier}${mismatch.fields ? ` (${mismatch.fields.join(", ")})` : ""}`,
      ),
    `seconds: ${report.seconds}`,
  ];
  return `${lines.join("\n")}\n`;
}

const { values } = parseArgs({
  options: {
    rounds: { type: "string" },
    minutes: { type: "string" },
    changes: { type: "string" },
    seed: { type: "string" },
  },
});
const report = await runSoak({
  rounds: positiveInteger("rounds", values.rounds, 5),
  minutes: positiveInteger("minutes", values.minutes, 10),
  changesPerRound: positiveInteger("changes", values.changes, 30, 2),
  seed: positiveInteger("seed", values.seed, 1, 0),
  log: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(describe(report));
const healthy =
  report.mismatches.length === 0 && report.unaccountedDeliveries === 0 && report.resyncs.leftRunning === 0;
process.exitCode = healthy ? 0 : 1;
