/** An environment as the environment kind gives it: `__variables` (every page) when the selector asks. */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";

export async function enrichEnvironment(
  client: GitHubClient,
  target: { owner: string; name: string },
  environment: RawObject,
  includeVariables: boolean,
  scope: RequestScope = {},
): Promise<RawObject> {
  if (!includeVariables) return environment;
  const variables: RawObject[] = [];
  for await (const page of client.pages<RawObject>(
    "GET /repos/{owner}/{repo}/environments/{environment_name}/variables",
    { owner: target.owner, repo: target.name, environment_name: String(environment.name) },
    {
      purpose: `listing variables of environment ${String(environment.name)} in ${target.owner}/${target.name}`,
      ...scope,
    },
  )) {
    variables.push(...page);
  }
  return { ...environment, __variables: variables };
}
