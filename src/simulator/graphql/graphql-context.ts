import type { GraphQLRateLimitReport } from "../http/traffic-hooks.js";
import type { ApiUrls } from "../shapes/api-urls.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";
import type { SimulatorState } from "../state/simulator-state.js";

/** What every resolver gets: the state, who asks with which token, and the URLs of this request. */
export interface GraphQLContext {
  state: SimulatorState;
  viewer: AccountRecord;
  token: AccessTokenRecord;
  urls: ApiUrls;
  /** What `rateLimit` reports: this query's cost and the `graphql` budget after it. */
  rateLimit: GraphQLRateLimitReport | undefined;
}

/** A resolver of one field: GitHub's arguments arrive already coerced by graphql-js. */
export type FieldResolver<Source> = (
  source: Source,
  args: Record<string, unknown>,
  context: GraphQLContext,
) => unknown;

/** The fields the simulator implements for one object type; a field left out answers an error. */
export type TypeResolvers<Source> = Record<string, FieldResolver<Source>>;
