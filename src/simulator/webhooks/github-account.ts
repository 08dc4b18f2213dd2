import type { AccountRecord } from "../state/account.js";

/**
 * GitHub's own organization account (`github`, id 9919): the `sender` of events GitHub causes itself,
 * such as a Dependabot alert it opens or fixes, or a code scanning alert an analysis closes.
 */
export const GITHUB_ACCOUNT: AccountRecord = {
  type: "Organization",
  id: 9919,
  login: "github",
  name: "GitHub",
  company: null,
  blog: "https://github.com/about",
  location: "San Francisco, CA",
  email: null,
  bio: null,
  twitterUsername: null,
  description: "How people build software.",
  followers: 0,
  following: 0,
  createdAt: "2008-05-11T04:37:31Z",
  updatedAt: "2024-01-01T00:00:00Z",
  members: new Map(),
};
