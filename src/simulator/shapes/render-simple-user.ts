import type { components } from "@octokit/openapi-types";
import type { AccountRecord } from "../state/account.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";

export type SimpleUser = components["schemas"]["simple-user"];

/** `simple-user`: the account summary GitHub embeds as `owner`, `sender`, list items ... */
export function renderSimpleUser(
  account: AccountRecord,
  urls: ApiUrls,
): SimpleUser & { user_view_type: string } {
  const api = `${urls.api}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type, account.id),
    avatar_url: `${urls.web}/avatars/u/${account.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${urls.web}/${account.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: false,
  };
}
