import { describe, expect, it } from "vitest";
import { runSoak } from "../../soak/run-soak.js";

/**
 * `npm run soak` in small: one round of GitHub changes against `portolan serve` (built `dist/`), one
 * SIGKILL and restart, then the soaked catalog equals a fresh resync of the simulator, entity for entity.
 */
describe("the crash soak", () => {
  it("ends with the catalog a fresh resync gives, after a SIGKILL mid-round", async () => {
    const report = await runSoak({ rounds: 1, minutes: 1, changesPerRound: 8, seed: 2 });
    expect(report).toMatchObject({ rounds: 1, changes: 8, kills: 1, unaccountedDeliveries: 0 });
    // The kill came before the round's last change, so some deliveries found the server down.
    expect(report.deliveries.failedAttempts).toBeGreaterThan(0);
    expect(report.inbox.done).toBe(report.deliveries.accepted);
    expect(report.resyncs.leftRunning).toBe(0);
    expect(report.compared).toBeGreaterThan(0);
    expect(report.mismatches).toEqual([]);
  }, 180_000);
});
