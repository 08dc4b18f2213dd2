import type { ApiUrls } from "../shapes/api-urls.js";
import type { AccountRecord } from "../state/account.js";
import type { CommitRecord } from "../state/git-ref.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { repositoryScopedFields } from "./repository-scoped-payload.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

const ZERO_SHA = "0".repeat(40);

/**
 * A `push` event to `ref` (`refs/heads/…` or `refs/tags/…`) moving it from `before` to `after` (40 zeros
 * for a created or deleted ref), with the pushed commits (no file lists: the simulator does not diff).
 */
export function pushEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    ref: string;
    before: string | null;
    after: string | null;
    commits: CommitRecord[];
    repository: RepositoryRecord;
    sender: AccountRecord;
  },
): WebhookEvent {
  const fullName = `${state.getAccount(input.repository.ownerId).login}/${input.repository.name}`;
  const before = input.before ?? ZERO_SHA;
  const after = input.after ?? ZERO_SHA;
  const author = {
    name: input.sender.name ?? input.sender.login,
    email: `${input.sender.login}@users.noreply.example.dev`,
    username: input.sender.login,
  };
  const commits = input.commits.map((commit) => ({
    id: commit.sha,
    tree_id: commit.sha.split("").reverse().join(""),
    distinct: true,
    message: commit.message,
    timestamp: commit.date.replace("Z", "+00:00"),
    url: `${urls.web}/${fullName}/commit/${commit.sha}`,
    author,
    committer: author,
    added: [],
    removed: [],
    modified: [],
  }));
  return {
    name: "push",
    action: null,
    payload: {
      ref: input.ref,
      before,
      after,
      created: input.before === null,
      deleted: input.after === null,
      forced: false,
      base_ref: null,
      compare: `${urls.web}/${fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits,
      head_commit: commits[commits.length - 1] ?? null,
      pusher: { name: input.sender.login, email: author.email },
      ...repositoryScopedFields(state, urls, input.repository, input.sender),
    },
  };
}
