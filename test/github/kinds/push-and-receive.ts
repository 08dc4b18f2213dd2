import { expect } from "vitest";
import type { LiveEvent } from "../../../src/engine/integration/integration.js";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { controlAnswer } from "../../support/simulator-control.js";

/**
 * Pushes files to a repository of the simulator's organization through its control API and returns the
 * push delivery that reached `received` (a receiver's list of deliveries).
 */
export async function pushAndReceive(
  simulator: RunningSimulator,
  received: readonly LiveEvent[],
  repo: RepositoryRecord,
  body: Record<string, unknown>,
): Promise<LiveEvent> {
  const before = received.length;
  const pushed = await controlAnswer(
    simulator,
    "POST",
    `/repos/${simulator.organization}/${repo.name}/push`,
    body,
  );
  expect(pushed.status).toBe(200);
  await simulator.whenIdle();
  const event = received[before];
  if (!event) throw new Error("no push delivery");
  return event;
}
