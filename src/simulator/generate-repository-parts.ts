import { disabledWorkflowStateFor, generateActionsOf } from "./generate-actions.js";
import { writeBaseFiles } from "./generate-base-files.js";
import { deploymentStateChooser, generateDeploymentsOf } from "./generate-deployments.js";
import { generateActivityOf, type PullRequestVolume } from "./generate-repository-activity.js";
import { generateFilesOf } from "./generate-repository-files.js";
import { alertCountersFor, generateAlertsOf } from "./generate-security-alerts.js";
import type { Random } from "./random.js";
import type { AccountRecord } from "./state/account.js";
import type { RepositoryRecord } from "./state/repository.js";
import type { SimulatorState } from "./state/simulator-state.js";

/** In a lazily generated organization, the special files of each feature slot (12) recur this often. */
const FEATURE_PERIOD = 40;

/**
 * Everything of one repository of a lazily generated organization besides its record: files, activity,
 * workflows and runs, deployments, alerts. It reads only its inputs (a random stream derived from the
 * seed and the repository id, the repository's index among the organization's repositories, the
 * members generated at start), so it answers the same whenever, and however often, it runs. Variety the
 * small scale forces across the organization comes from the index here (which repository deploys first,
 * has a disabled workflow, a feature's files, where the alert cycles start).
 */
export function generateRepositoryParts(
  state: SimulatorState,
  random: Random,
  input: {
    repository: RepositoryRecord;
    index: number;
    members: readonly AccountRecord[];
    pullRequests: PullRequestVolume;
  },
): void {
  const { repository, index, members } = input;
  writeBaseFiles(state, random.fork("base-files"), repository);
  generateActivityOf(state, random.fork("activity"), repository, {
    members,
    busy: index === 0,
    pullRequests: input.pullRequests,
  });
  const { workflows } = generateActionsOf(state, random.fork("actions"), repository, members);
  const disabled = disabledWorkflowStateFor(index);
  const newest = workflows.at(-1);
  if (disabled && newest) newest.state = disabled;
  const deploys = random.fork("deployments");
  if (!repository.archived && (index === 0 || deploys.chance(0.4))) {
    generateDeploymentsOf(
      state,
      deploys,
      deploys.fork("commits"),
      repository,
      members,
      deploymentStateChooser(deploys),
    );
  }
  if (repository.parentId === null) {
    const slot = index % FEATURE_PERIOD;
    generateFilesOf(state, random.fork("files"), repository, index, (wanted) => wanted === slot);
  }
  if (!repository.archived) {
    generateAlertsOf(state, random.fork("alerts"), repository, index, alertCountersFor(index));
  }
  state.settleBranchHeads(repository.id);
}
