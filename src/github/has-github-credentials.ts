/**
 * Whether the settings name any GitHub credential (a token, or part of a GitHub App's). Without one,
 * `serve` runs without a data source from settings and data sources are added in the portal.
 */
export function hasGitHubCredentials(config: Record<string, unknown>): boolean {
  return ["githubToken", "githubAppId", "githubAppPrivateKey"].some((name) => {
    const value = config[name];
    return value !== undefined && value !== null && String(value).trim() !== "";
  });
}
