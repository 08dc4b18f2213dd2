/**
 * Pairs each deployment with its predecessor — the next older deployment of the same environment — while
 * deployments stream in newest first, page by page (spec §4.13). Only the newest unpaired deployment of
 * each environment is held back, so memory stays flat in the number of deployments; within a page the
 * order is by `created_at` (unparseable dates sort oldest), so a page out of order still pairs right.
 */
import type { RawObject } from "../../engine/integration/integration.js";

export interface DeploymentPair {
  deployment: RawObject;
  /** The next older deployment of the same environment, or null for the oldest one. */
  predecessor: RawObject | null;
}

function createdMs(deployment: RawObject): number {
  const ms = typeof deployment.created_at === "string" ? Date.parse(deployment.created_at) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

export class DeploymentPredecessors {
  private readonly waiting = new Map<string, RawObject>();

  /** Adds a page; returns the deployments whose predecessor is now known. */
  add(page: readonly RawObject[]): DeploymentPair[] {
    const pairs: DeploymentPair[] = [];
    const ordered = [...page].sort((a, b) => createdMs(b) - createdMs(a));
    for (const deployment of ordered) {
      const environment = String(deployment.environment ?? "");
      const newer = this.waiting.get(environment);
      if (newer) pairs.push({ deployment: newer, predecessor: deployment });
      this.waiting.set(environment, deployment);
    }
    return pairs;
  }

  /** Whether every deployment held back for its predecessor passes `test` (true when none is held). */
  everyWaiting(test: (deployment: RawObject) => boolean): boolean {
    return [...this.waiting.values()].every(test);
  }

  /** The deployments left once the listing ended: the oldest of each environment, without predecessor. */
  finish(): DeploymentPair[] {
    const pairs = [...this.waiting.values()].map((deployment) => ({ deployment, predecessor: null }));
    this.waiting.clear();
    return pairs;
  }
}
