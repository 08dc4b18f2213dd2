import type { Random } from "./random.js";
import type { AccountRecord } from "./state/account.js";
import type { DeploymentRecord, DeploymentState, EnvironmentRecord } from "./state/deployment.js";
import type { GitCommitRecord } from "./state/git-history.js";
import type { RepositoryRecord } from "./state/repository.js";
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
const COMMIT_MESSAGES = [
  "Fix login redirect",
  "Add health check",
  "Bump dependencies",
  "Tune retries",
  "Update docs",
];
/** Recent commits of a deploying repository: at most one every three days over the last 120 days. */
const HISTORY_LENGTH = 40;

/**
 * Environments (some with variables), deployments newest first with one to three statuses each, for
 * part of the organization's repositories; every deployment state and both tasks appear. Each deploying
 * repository gets recent default-branch commits, and a deployment ships the newest commit before it.
 */
export function generateDeployments(
  state: SimulatorState,
  random: Random,
  organization: AccountRecord,
  members: readonly AccountRecord[],
): void {
  const commitRandom = random.fork("commits");
  const nextState = deploymentStateChooser(random);
  const repositories = state
    .repositoriesOwnedBy(organization.id)
    .filter((repository) => !repository.archived);
  const tasksSeen = new Set<string>();
  repositories.forEach((repository, index) => {
    // The first repository always deploys, so every seed has deployments.
    if (index > 0 && !random.chance(0.4)) return;
    for (const task of generateDeploymentsOf(state, random, commitRandom, repository, members, nextState)) {
      tasksSeen.add(task);
    }
  });
  if (!tasksSeen.has("deploy:migrations")) {
    const first = repositories[0] && state.deployments.deploymentsOf(repositories[0].id).at(-1);
    if (first) first.task = "deploy:migrations";
  }
}

/** Status states, those not given yet first (so every state appears early), then random ones. */
export function deploymentStateChooser(random: Random): () => DeploymentState {
  const seen = new Set<DeploymentState>();
  return () => {
    const missing = STATES.find((value) => !seen.has(value));
    const chosen = missing ?? random.pick(STATES);
    seen.add(chosen);
    return chosen;
  };
}

/**
 * One deploying repository's commit history, environments, deployments and statuses; returns the
 * deployment tasks it used.
 */
export function generateDeploymentsOf(
  state: SimulatorState,
  random: Random,
  commitRandom: Random,
  repository: RepositoryRecord,
  members: readonly AccountRecord[],
  nextState: () => DeploymentState,
): Set<string> {
  const at = (msBeforeEpoch: number): string => formatGitHubTime(new Date(state.epochMs - msBeforeEpoch));
  const tasksSeen = new Set<string>();
  generateHistory(state, commitRandom, repository, members, at);
  const head = state.git.headOf(repository.id, repository.defaultBranch);
  const history = head ? state.git.ancestry(head.sha).reverse() : [];
  const names = random.sample(ENVIRONMENTS, random.int(1, 3));
  for (const name of names) {
    const createdBefore = random.int(100, 600) * DAY_MS;
    const environment: EnvironmentRecord = {
      id: state.deployments.allocateId("environment", repository.id),
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
    for (let count = random.int(1, 4); count > 0; count--) {
      const createdMs = random.int(1, 90) * DAY_MS + random.int(0, DAY_MS);
      const sha = commitAt(history, at(createdMs));
      const task = random.pick(TASKS);
      tasksSeen.add(task);
      const deployment: DeploymentRecord = {
        id: state.deployments.allocateId("deployment", repository.id),
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
        const statusState = nextState();
        const host = `${repository.name.replace(/[^a-z0-9-]/gi, "")}-${name.toLowerCase()}.example.dev`;
        state.deployments.addStatus({
          id: state.deployments.allocateId("status", repository.id),
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
  return tasksSeen;
}

/**
 * Recent commits on the default branch (one every three days over the last 120 days, after its newest
 * commit), so that deployments ship different commits and comparisons between them have commits.
 */
function generateHistory(
  state: SimulatorState,
  random: Random,
  repository: RepositoryRecord,
  members: readonly AccountRecord[],
  at: (msBeforeEpoch: number) => string,
): void {
  let parent = state.git.headOf(repository.id, repository.defaultBranch);
  for (let index = 0; index < HISTORY_LENGTH; index++) {
    const message = random.pick(COMMIT_MESSAGES);
    const authorId = random.pick(members).id;
    const date = at((120 - index * 3) * DAY_MS - random.int(0, DAY_MS - 1));
    if (parent && date <= parent.timestamp) continue;
    parent = state.recordCommit(repository.id, repository.defaultBranch, {
      parentSha: parent?.sha ?? null,
      message,
      authorId,
      date,
    });
  }
}

/** The sha of the newest commit at or before `time` (the oldest commit when all are later). */
function commitAt(history: readonly GitCommitRecord[], time: string): string {
  let found = history[0];
  for (const commit of history) if (commit.timestamp <= time) found = commit;
  if (!found) throw new Error("a deploying repository has a commit history");
  return found.sha;
}
