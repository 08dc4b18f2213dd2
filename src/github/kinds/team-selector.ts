/** The `team` selector (spec §4.4); Ocean ignores unknown keys here. `include_external_group` is snake_case there too. */
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .boolean()
    .nullish()
    .transform((value) => value ?? fallback);

export const teamSelectorSchema = z.object({
  /** Members from GraphQL as `members.nodes` (plus `databaseId`, `notificationSetting`, `__graphql_privacy`). */
  members: flag(true),
  /** `__SAMLEmail` on every member node. */
  includeSAMLEmail: flag(false),
  /** `__external_group`: the team's first external IdP group, or null. */
  include_external_group: flag(false),
});

export type TeamSelector = z.output<typeof teamSelectorSchema>;
