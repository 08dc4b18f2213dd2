import type { Random } from "./random.js";
import type { AccountRecord } from "./state/account.js";
import type { DeploymentRecord, DeploymentState, EnvironmentRecord } from "./state/deployment.js";
import { formatGitHubTime } from "./state/simulator-clock.js";
import type { SimulatorState } from "./state/simulator-state.js";

const DAY_MS = 86_400_000;
const ENVIRONMENTS = ["production", "staging", "development", "Preview"];
const TASKS = ["deploy", "deploy", "deploy", "deploy:migrations"];
/** Every state a deployment status can have. */
const STATES: DeploymentState[] = [
  "error",
  "failure",
  "inactive",
  "pending",
  "success",
  "queued",
  "in_progress",
];
const VARIABLES = ["LOG_LEVEL", "REGION", "REPLICAS", "FEATURE_FLAGS"];

/**
 * Environments (some with variables), deployments newest first with one to three statuses each, for
 * part of the organization's repositories; every deployment state and both tasks appear.
 */
export function generateDeployments(
  state: SimulatorState,
  random: Random,
  organization: AccountRecord,
  members: readonly AccountRecord[],
): void {
  const at = (msBeforeEpoch: number): string => formatGitHubTime(new Date(state.epochMs - msBeforeEpoch));
  const statesSeen = new Set<DeploymentState>();
  const tasksSeen = new Set<string>();
  const repositories = state
    .repositoriesOwnedBy(organization.id)
    .filter((repository) => !repository.archived);
  repositories.forEach((repository, index) => {
    // The first repository always deploys, so every seed has deployments.
    if (index > 0 && !random.chance(0.4)) return;
    const names = random.sample(ENVIRONMENTS, random.int(1, 3));
    for (const name of names) {
      const createdBefore = random.int(100, 600) * DAY_MS;
      const environment: EnvironmentRecord = {
        id: state.deployments.allocateEnvironmentId(),
        repositoryId: repository.id,
        name,
        canAdminsBypass: random.chance(0.8),
        waitTimer: name === "production" && random.chance(0.5) ? random.pick([5, 10, 30]) : null,
        variables: random.sample(VARIABLES, random.int(0, 3)).map((variable) => ({
          name: variable,
          value: variable === "REPLICAS" ? String(random.int(1, 6)) : `${name}-${random.hex(4)}`,
          createdAt: at(createdBefore - DAY_MS),
          updatedAt: at(createdBefore - 2 * DAY_MS),
        })),
        createdAt: at(createdBefore),
        updatedAt: at(createdBefore - random.int(0, 50) * DAY_MS),
      };
      state.deployments.addEnvironment(environment);
      let sha = random.hex(40);
      for (let count = random.int(1, 4); count > 0; count--) {
        const createdMs = random.int(1, 90) * DAY_MS + random.int(0, DAY_MS);
        // Two deployments in a row of the same commit happen (re-deploys), as on GitHub.
        if (random.chance(0.75)) sha = random.hex(40);
        const task = random.pick(TASKS);
        tasksSeen.add(task);
        const deployment: DeploymentRecord = {
          id: state.deployments.allocateDeploymentId(),
          repositoryId: repository.id,
          sha,
          ref: random.chance(0.8) ? repository.defaultBranch : `v1.${random.int(0, 20)}.0`,
          task,
          environment: name,
          description: random.chance(0.3) ? null : `Deploy ${repository.name} to ${name}`,
          creatorId: random.pick(members).id,
          productionEnvironment: name === "production",
          transientEnvironment: name === "Preview",
          createdAt: at(createdMs),
          updatedAt: at(createdMs - 60_000),
        };
        state.deployments.addDeployment(deployment);
        let statusMs = createdMs;
        for (let statuses = random.int(1, 3); statuses > 0; statuses--) {
          statusMs -= random.int(10_000, 600_000);
          const missing = STATES.filter((value) => !statesSeen.has(value));
          const statusState = missing.length > 0 ? (missing[0] as DeploymentState) : random.pick(STATES);
          statesSeen.add(statusState);
          const host = `${repository.name.replace(/[^a-z0-9-]/gi, "")}-${name.toLowerCase()}.example.dev`;
          state.deployments.addStatus({
            id: state.deployments.allocateStatusId(),
            deploymentId: deployment.id,
            state: statusState,
            description: `Deployment ${statusState.replace("_", " ")}`,
            environment: name,
            environmentUrl: statusState === "success" ? `https://${host}` : "",
            logUrl: `https://ci.example.dev/logs/${deployment.id}`,
            creatorId: deployment.creatorId,
            createdAt: at(statusMs),
            updatedAt: at(statusMs),
          });
        }
      }
    }
  });
  if (!tasksSeen.has("deploy:migrations")) {
    const first = repositories[0] && state.deployments.deploymentsOf(repositories[0].id).at(-1);
    if (first) first.task = "deploy:migrations";
  }
}
