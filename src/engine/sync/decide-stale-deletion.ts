/** Whether a resync may delete its stale entities, and why (or why not), in words for the history. */
export interface StaleDeletionDecision {
  allowed: boolean;
  reason: string;
}

/**
 * The guards of stale deletion: every kind finished without error (otherwise nothing is known to
 * be gone), and the share of owned entities to delete is within `entityDeletionThreshold`.
 */
export function decideStaleDeletion(input: {
  errorCount: number;
  staleCount: number;
  ownedAtStart: number;
  threshold: number;
}): StaleDeletionDecision {
  const { errorCount, staleCount, ownedAtStart, threshold } = input;
  if (errorCount > 0) {
    return {
      allowed: false,
      reason: `skipped: ${errorCount} error(s) made this resync incomplete, so nothing is known to be gone`,
    };
  }
  if (staleCount === 0) return { allowed: true, reason: "nothing stale" };
  const rate = ownedAtStart === 0 ? 1 : staleCount / ownedAtStart;
  if (rate > threshold) {
    return {
      allowed: false,
      reason: `skipped: ${staleCount} of ${ownedAtStart} entities (${(rate * 100).toFixed(1)} %) would be deleted, above entityDeletionThreshold ${threshold}`,
    };
  }
  return { allowed: true, reason: `${staleCount} stale entities` };
}
