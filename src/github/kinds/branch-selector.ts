/** The branch kind's selector (spec §4.11); unknown keys are ignored, as Ocean does for this kind. */
import { z } from "zod";
import { GIT_REF_NAME_RULES, isGitRefName } from "./git-ref-name.js";
import { repoSearchSchema } from "./repo-search.js";

const flag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);

export const branchSelectorSchema = z.object({
  repoSearch: repoSearchSchema,
  /** Read each branch in full (`GET …/branches/{name}`: the head commit with its message, `_links`). */
  detailed: flag,
  /** Only the repository's default branch (wins over `branchNames`). */
  defaultBranchOnly: flag,
  /** Add `__protection_rules` (`GET …/branches/{name}/protection`; `{}` when the branch is not protected). */
  protectionRules: flag,
  /** Exactly these branches, without listing (each read in full; missing ones are left out). */
  branchNames: z
    .array(z.string().trim().refine(isGitRefName, GIT_REF_NAME_RULES))
    .nullish()
    .transform((value) => value ?? []),
});

export type BranchSelector = z.output<typeof branchSelectorSchema>;
