/** The issue kind's selector (spec §4.8); unknown keys are ignored, as Ocean does for this kind. */
import { z } from "zod";
import { repoSearchSchema } from "./repo-search.js";

export const issueSelectorSchema = z.object({
  repoSearch: repoSearchSchema,
  state: z
    .enum(["open", "closed", "all"])
    .nullish()
    .transform((value) => value ?? "open"),
  /** An issue must carry every one of these labels (GitHub's `labels=` is an all-of filter). */
  labels: z
    .array(z.string().trim().min(1, "a label must not be empty"))
    .nullish()
    .transform((value) => (value && value.length > 0 ? value : null)),
});

export type IssueSelector = z.output<typeof issueSelectorSchema>;
