/**
 * The pull-request kind's selector (spec §4.7, §8.1). Unknown keys are ignored, as Ocean does for this
 * kind. `closedSinceDate` is parsed once here: a date or date-time, UTC unless it names an offset.
 */
import { z } from "zod";
import { repoSearchSchema } from "./repo-search.js";

/** Closed pull requests per repository when neither `maxResults` nor `closedSinceDate` is given. */
export const DEFAULT_CLOSED_PULL_REQUESTS = 100;

const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

const closedSinceDateSchema = z
  .string()
  .trim()
  .regex(isoDate, "must be an ISO date (2024-01-31) or date-time (2024-01-31T12:00:00Z)")
  .transform((text, context) => {
    const naive = !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const normalized = text.replace(" ", "T");
    const withTime = normalized.includes("T") ? normalized : `${normalized}T00:00:00`;
    const ms = Date.parse(naive ? `${withTime}Z` : withTime);
    if (Number.isNaN(ms)) {
      context.addIssue({ code: "custom", message: "is not a valid date" });
      return z.NEVER;
    }
    return new Date(ms);
  });

export const pullRequestSelectorSchema = z.object({
  repoSearch: repoSearchSchema,
  states: z
    .array(z.enum(["open", "closed"]))
    .min(1, "list at least one state: open, closed")
    .nullish()
    .transform((value) => [...new Set(value ?? ["open"])]),
  /** Caps closed pull requests per repository. */
  maxResults: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((value) => value ?? null),
  /** Days: closed pull requests updated within them are listed. */
  since: z
    .number()
    .int()
    .min(1)
    .nullish()
    .transform((value) => value ?? 60),
  /** When set, closed pull requests closed at or after it are listed, and `since` is ignored. */
  closedSinceDate: closedSinceDateSchema.nullish().transform((value) => value ?? null),
  api: z
    .enum(["rest", "graphql"])
    .nullish()
    .transform((value) => value ?? "rest"),
  enrichWithFirstCommit: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  excludeGraphqlFields: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
});

export type PullRequestSelector = z.output<typeof pullRequestSelectorSchema>;

/** Which closed pull requests a resync lists: those whose `field` is at or after `cutoff`, at most `limit`. */
export interface ClosedPullRequestWindow {
  field: "closed_at" | "updated_at";
  cutoff: Date;
  /** `null`: no cap. */
  limit: number | null;
}

export function closedPullRequestWindow(
  selector: PullRequestSelector,
  nowMs: number,
): ClosedPullRequestWindow {
  if (selector.closedSinceDate !== null) {
    return { field: "closed_at", cutoff: selector.closedSinceDate, limit: selector.maxResults };
  }
  return {
    field: "updated_at",
    cutoff: new Date(nowMs - selector.since * 86_400_000),
    limit: selector.maxResults ?? DEFAULT_CLOSED_PULL_REQUESTS,
  };
}
