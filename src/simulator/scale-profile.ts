import { type PullRequestVolume, SMALL_PULL_REQUEST_VOLUME } from "./generate-repository-activity.js";
import type { SimulatorScale } from "./parse-simulator-options.js";

/** What a scale means for the generated organization. */
export interface ScaleProfile {
  /** The organization's own repositories; `forks` of upstream projects come on top. */
  sourceRepositories: number;
  forks: number;
  /** How many members the organization has (a range). */
  members: [number, number];
  /**
   * Generate each repository's files, activity, actions, deployments and alerts on first access
   * (bounded memory), rather than all at start.
   */
  lazy: boolean;
  pullRequests: PullRequestVolume;
}

/** Closed pull requests per repository at the larger scales: ~20 pull requests a repository on average. */
const BUSY_ORGANIZATION_VOLUME: PullRequestVolume = { open: [0, 4], closed: [4, 30] };

export const SCALE_PROFILES: Readonly<Record<SimulatorScale, ScaleProfile>> = {
  small: {
    sourceRepositories: 17,
    forks: 3,
    members: [4, 6],
    lazy: false,
    pullRequests: SMALL_PULL_REQUEST_VOLUME,
  },
  medium: {
    sourceRepositories: 997,
    forks: 3,
    members: [15, 30],
    lazy: true,
    pullRequests: BUSY_ORGANIZATION_VOLUME,
  },
  large: {
    sourceRepositories: 9_997,
    forks: 3,
    members: [40, 80],
    lazy: true,
    pullRequests: BUSY_ORGANIZATION_VOLUME,
  },
};
