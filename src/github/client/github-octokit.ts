/**
 * The Octokit class Portolan uses: core + pagination + retry of server errors + throttling.
 * Plugin order follows the `octokit` package (retry inside throttling).
 */
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

export const GitHubOctokit = Octokit.plugin(paginateRest, retry, throttling);
export type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

/** Headers GitHub recommends on every REST request (spec §2.4). */
export const githubRestHeaders = {
  accept: "application/vnd.github+json",
  "x-github-api-version": "2022-11-28",
} as const;
