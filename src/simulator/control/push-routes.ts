import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SimulatorContext } from "../simulator-context.js";
import { commitPushEventPayload } from "../webhooks/commit-push-event-payload.js";
import { NULL_SHA } from "../webhooks/push-repository.js";

const BRANCH_NAME = /^(?!\/|.*\/$|.*\.\.)[A-Za-z0-9._/-]{1,250}$/;

/** A path inside a repository: no empty, `.` or `..` segment, no leading or trailing `/`. */
const FILE_PATH = z
  .string()
  .refine(
    (path) => path !== "" && path.split("/").every((part) => part !== "" && part !== "." && part !== ".."),
    "must be a relative file path without empty, `.` or `..` segments",
  );

const PushBody = z.strictObject({
  /** The branch pushed to (default: the default branch); a new branch starts from the default branch. */
  branch: z.string().regex(BRANCH_NAME).optional(),
  message: z.string().min(1).optional(),
  /** The pusher and commit author (default: the organization owner). */
  author: z.string().min(1).optional(),
  /** path → new text, or `null` to delete the file. */
  files: z.record(FILE_PATH, z.string().nullable()).refine((files) => Object.keys(files).length > 0, {
    message: "name at least one file to change",
  }),
});

/**
 * `POST /_simulator/repos/{owner}/{repo}/push`: one commit changing files on a branch, then GitHub's
 * `push` webhook. Answers `{ ref, before, after, added, removed, modified, deliveries }`; `before` is 40
 * zeros when the push created the branch.
 */
export function registerPushControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  app.post<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/push",
    async (request, reply) => {
      const parsed = PushBody.safeParse(request.body ?? {});
      if (!parsed.success) {
        return reply.code(422).send({ message: `invalid request body: ${z.prettifyError(parsed.error)}` });
      }
      const body = parsed.data;
      const found = state.findRepository(request.params.owner, request.params.repo);
      if (!found || found.movedFrom !== null) {
        return reply
          .code(404)
          .send({ message: `no repository ${request.params.owner}/${request.params.repo} in the simulator` });
      }
      const repo = found.repository;
      const pusher = body.author === undefined ? context.owner : state.findAccount(body.author);
      if (pusher?.type !== "User")
        return reply.code(404).send({ message: `no user ${body.author} in the simulator` });
      const branch = body.branch ?? repo.defaultBranch;
      const created = !state.hasRef(repo.id, branch);
      const parent = state.headCommit(repo.id, created ? repo.defaultBranch : branch);
      if (created) state.ensureRef(repo.id, branch, repo.defaultBranch);
      const added: string[] = [];
      const removed: string[] = [];
      const modified: string[] = [];
      for (const [path, text] of Object.entries(body.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
        const previous = state.readFile(repo.id, branch, path);
        if (text === null) {
          if (previous === undefined) continue;
          state.deleteFile(repo.id, branch, path);
          removed.push(path);
        } else if (previous !== text) {
          state.writeFile(repo.id, branch, path, text);
          (previous === undefined ? added : modified).push(path);
        }
      }
      const now = state.clock.now();
      const files = new Map(
        state.listFiles(repo.id, branch).map((path) => [path, state.readFile(repo.id, branch, path) ?? ""]),
      );
      const commit = state.git.commit(repo.id, branch, {
        parentSha: parent?.sha ?? null,
        files,
        message: body.message ?? `Update ${[...added, ...modified, ...removed].join(", ") || "nothing"}`,
        author: {
          name: pusher.name ?? pusher.login,
          email: pusher.email ?? `${pusher.id}+${pusher.login}@users.noreply.github.com`,
          login: pusher.login,
        },
        timestamp: now,
      });
      repo.pushedAt = now;
      const protection = state.activity.branch(repo.id, branch)?.protection ?? null;
      state.activity.setBranch(repo.id, { name: branch, sha: commit.sha, protection });
      const before = created ? NULL_SHA : (parent?.sha ?? NULL_SHA);
      const event = commitPushEventPayload(state, context.webhookUrls(), {
        repository: repo,
        branch,
        before,
        commits: [{ commit, added, removed, modified }],
        pusher,
      });
      const deliveries = context.webhooks.emitToRepository(repo, event);
      return { ref: `refs/heads/${branch}`, before, after: commit.sha, added, removed, modified, deliveries };
    },
  );
}
