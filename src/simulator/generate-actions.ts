import type { Random } from "./random.js";
import type { AccountRecord } from "./state/account.js";
import type { RepositoryRecord } from "./state/repository.js";
import { formatGitHubTime } from "./state/simulator-clock.js";
import type { SimulatorState } from "./state/simulator-state.js";
import {
  type WorkflowRecord,
  type WorkflowRunRecord,
  type WorkflowState,
  workflowRunConclusions,
  workflowRunStatuses,
} from "./state/workflow.js";

const DAY_MS = 86_400_000;
const WORKFLOWS = [
  { file: "ci.yml", name: "CI" },
  { file: "release.yaml", name: "Release" },
  { file: "codeql.yml", name: "CodeQL" },
  { file: "deploy.yml", name: "Deploy" },
  { file: "nightly.yaml", name: "Nightly build" },
];
const EVENTS = ["push", "pull_request", "schedule", "workflow_dispatch"];
const MESSAGES = [
  "Fix flaky test",
  "Bump dependencies",
  "Add metrics endpoint",
  "Update README.md",
  "Refactor config",
];
/** The statuses of a run not yet completed. */
const STATUSES = workflowRunStatuses.filter((status) => status !== "completed");

/** The YAML of a generated workflow file: enough for a reader to see what it is. */
export function workflowFileText(name: string): string {
  return `name: ${name}\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n`;
}

/**
 * Workflows (with their files on the default branch) and runs for the organization's repositories.
 * Every workflow state other than `deleted`, every run status and every conclusion appears at least
 * once, so `statuses` filters always have something to find.
 */
export function generateActions(
  state: SimulatorState,
  random: Random,
  organization: AccountRecord,
  members: readonly AccountRecord[],
): void {
  const workflows: WorkflowRecord[] = [];
  const runs: WorkflowRunRecord[] = [];
  for (const repository of state.repositoriesOwnedBy(organization.id)) {
    const made = generateActionsOf(state, random, repository, members);
    workflows.push(...made.workflows);
    runs.push(...made.runs);
  }
  ensureRunVariety(workflows, runs, random);
  DISABLED_STATES.forEach((workflowState, index) => {
    const workflow = workflows[workflows.length - 1 - index];
    if (workflow) workflow.state = workflowState;
  });
}

/** Every state a workflow can be disabled in. */
const DISABLED_STATES: WorkflowState[] = ["disabled_manually", "disabled_inactivity", "disabled_fork"];

/** In a lazily generated organization, one repository in this many has its newest workflow disabled. */
const DISABLED_WORKFLOW_PERIOD = 20;

/**
 * The workflow state a lazily generated repository's newest workflow gets, from its index alone: so
 * every disabled state appears across the organization without looking at other repositories.
 */
export function disabledWorkflowStateFor(index: number): WorkflowState | null {
  if (index % DISABLED_WORKFLOW_PERIOD !== DISABLED_WORKFLOW_PERIOD - 1) return null;
  return DISABLED_STATES[Math.floor(index / DISABLED_WORKFLOW_PERIOD) % DISABLED_STATES.length] ?? null;
}

/** One repository's workflows (with their files on the default branch) and their runs; none for ~1 in 3. */
export function generateActionsOf(
  state: SimulatorState,
  random: Random,
  repository: RepositoryRecord,
  members: readonly AccountRecord[],
): { workflows: WorkflowRecord[]; runs: WorkflowRunRecord[] } {
  const at = (msBeforeEpoch: number): string => formatGitHubTime(new Date(state.epochMs - msBeforeEpoch));
  const workflows: WorkflowRecord[] = [];
  const runs: WorkflowRunRecord[] = [];
  if (!random.chance(0.65)) return { workflows, runs };
  // Runs build commits of the default branch (generated before the workflows).
  const head = state.git.headOf(repository.id, repository.defaultBranch);
  const commits = head ? state.git.ancestry(head.sha) : [];
  for (const template of random.sample(WORKFLOWS, random.int(1, 3))) {
    const createdBefore = random.int(60, 700) * DAY_MS;
    const workflow: WorkflowRecord = {
      id: state.actions.allocateId("workflow", repository.id),
      repositoryId: repository.id,
      name: template.name,
      path: `.github/workflows/${template.file}`,
      state: "active",
      createdAt: at(createdBefore),
      updatedAt: at(random.int(1, createdBefore / DAY_MS) * DAY_MS),
    };
    state.actions.addWorkflow(workflow);
    state.writeFile(repository.id, repository.defaultBranch, workflow.path, workflowFileText(workflow.name));
    workflows.push(workflow);
    const count = random.int(0, 8);
    // The listed runs are a workflow's latest: their numbers continue an older history, as on GitHub.
    const firstRunNumber = random.int(1, 500);
    for (let runNumber = firstRunNumber; runNumber < firstRunNumber + count; runNumber++) {
      const createdMs = random.int(1, 50) * DAY_MS + random.int(0, DAY_MS);
      const completed = random.chance(0.8);
      const commit = commits.length > 0 ? random.pick(commits) : undefined;
      const run: WorkflowRunRecord = {
        id: state.actions.allocateId("run", repository.id),
        workflowId: workflow.id,
        repositoryId: repository.id,
        runNumber,
        runAttempt: random.chance(0.1) ? 2 : 1,
        event: random.pick(EVENTS),
        status: completed ? "completed" : random.pick(STATUSES),
        conclusion: completed
          ? random.pick(["success", "success", "success", ...workflowRunConclusions])
          : null,
        headBranch: random.chance(0.7) ? repository.defaultBranch : `feature/${random.hex(4)}`,
        headSha: commit?.sha ?? random.hex(40),
        headMessage: commit?.message ?? random.pick(MESSAGES),
        actorId: random.pick(members).id,
        checkSuiteId: state.actions.allocateId("checkSuite", repository.id),
        createdAt: at(createdMs),
        updatedAt: at(createdMs - random.int(30_000, 900_000)),
        runStartedAt: at(createdMs),
      };
      state.actions.addRun(run);
      runs.push(run);
    }
  }
  return { workflows, runs };
}

/** Gives runs the statuses and conclusions the random draws missed. */
function ensureRunVariety(
  workflows: readonly WorkflowRecord[],
  runs: WorkflowRunRecord[],
  random: Random,
): void {
  if (workflows.length === 0) return;
  const wanted: Array<Pick<WorkflowRunRecord, "status" | "conclusion">> = [
    ...STATUSES.map((status) => ({ status, conclusion: null })),
    ...workflowRunConclusions.map((conclusion) => ({ status: "completed" as const, conclusion })),
  ];
  const taken = new Set<WorkflowRunRecord>();
  for (const value of wanted) {
    if (runs.some((run) => run.status === value.status && run.conclusion === value.conclusion)) continue;
    const free = runs.filter((run) => !taken.has(run));
    const run = free.length > 0 ? random.pick(free) : undefined;
    if (!run) return;
    Object.assign(run, value);
    taken.add(run);
  }
}
