/** The `repoSearch` selector key shared by repository-scoped kinds (spec §4.0). */
import { z } from "zod";

export const repoSearchSchema = z
  .object({
    /** Search qualifiers appended after `org:{o}`, e.g. `topic:backend archived:false`. */
    query: z.string().trim().min(1, "must not be empty"),
  })
  .nullish()
  .transform((value) => value ?? null);

export type RepoSearch = z.output<typeof repoSearchSchema>;
