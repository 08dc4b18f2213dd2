import type { RunningSimulator } from "../../src/simulator/start-simulator.js";

/**
 * The simulator as GitHub in an integration's settings: its URL (or `githubHost`, e.g. its Enterprise
 * Server address), admin token and organization.
 */
export function simulatorGitHubSettings(simulator: RunningSimulator, githubHost = simulator.url) {
  return {
    githubHost,
    githubToken: simulator.adminToken,
    githubOrganization: simulator.organization,
  };
}

/** The simulator's two address styles, for `describe.each`: github.com paths and GitHub Enterprise Server's. */
export const SIMULATOR_HOSTS: Array<[string, (simulator: RunningSimulator) => string]> = [
  ["github.com paths", (simulator) => simulator.url],
  ["GitHub Enterprise Server paths", (simulator) => simulator.enterpriseUrl],
];
