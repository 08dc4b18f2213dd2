import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SimulatorContext } from "../simulator-context.js";
import { pushEventPayload } from "../webhooks/push-event-payload.js";
import { refEventPayload } from "../webhooks/ref-event-payload.js";
import { controlRequest, newCommit } from "./control-request.js";

const REF = /^refs\/(heads|tags)\/((?!\/|.*\/$|.*\.\.)[A-Za-z0-9._/-]{1,250})$/;

const CreateRefBody = z.strictObject({
  ref: z.string().regex(REF, "refs/heads/<branch> or refs/tags/<tag>"),
  /** The commit to point at; the default branch's head when absent. */
  sha: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
});

const PushBody = z.strictObject({ message: z.string().min(1).default("Update") });

const ProtectionBody = z
  .strictObject({
    required_status_checks: z.array(z.string()).default([]),
    strict: z.boolean().default(false),
    required_approving_review_count: z.number().int().min(0).max(6).default(1),
    enforce_admins: z.boolean().default(false),
  })
  .nullable();

/**
 * Branches and tags: `POST /_simulator/repos/{o}/{r}/git/refs` (→ `create`, and for a branch the `push`
 * with `created: true` GitHub sends too), `DELETE …/git/refs/{heads|tags}/{name}` (→ `delete`, and for a
 * branch a `push` with `deleted: true`), `POST …/branches/{name}/commits` (→ `push` of one new commit)
 * and `PUT …/branches/{name}/protection` (a rule set, or `null` to unprotect; no event).
 */
export function registerGitRefControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const control = controlRequest(context);

  app.post<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/git/refs",
    async (request, reply) => {
      const body = control.parse(CreateRefBody, request.body, reply);
      if (!body) return reply;
      const repository = control.repository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const [, kind, name] = REF.exec(body.ref) as RegExpExecArray;
      const sha = body.sha ?? state.activity.branch(repository.id, repository.defaultBranch)?.sha;
      if (sha === undefined || !state.git.findCommit(repository.id, sha)) {
        return control.fail(reply, 422, `no commit ${body.sha ?? "(default branch head)"} in the repository`);
      }
      const refName = name as string;
      const exists =
        kind === "heads"
          ? state.activity.branch(repository.id, refName)
          : state.activity.tag(repository.id, refName);
      if (exists) return control.fail(reply, 422, "Reference already exists");
      const urls = context.webhookUrls();
      const sender = context.owner;
      const deliveries: string[] = [];
      if (kind === "heads") {
        state.activity.setBranch(repository.id, { name: refName, sha, protection: null });
        state.ensureRef(repository.id, refName, repository.defaultBranch);
      } else {
        state.activity.setTag(repository.id, { name: refName, sha });
      }
      const refType = kind === "heads" ? "branch" : "tag";
      deliveries.push(
        ...control.emit(
          repository,
          refEventPayload(state, urls, { name: "create", ref: refName, refType, repository, sender }),
        ),
        ...control.emit(
          repository,
          pushEventPayload(state, urls, {
            repository,
            branch: refName,
            ref: body.ref,
            before: "0".repeat(40),
            after: sha,
            created: true,
            commits: [],
            pusher: sender,
          }),
        ),
      );
      return reply.code(201).send({ ref: body.ref, sha, deliveries });
    },
  );

  app.delete<{ Params: { owner: string; repo: string; "*": string } }>(
    "/repos/:owner/:repo/git/refs/*",
    async (request, reply) => {
      const repository = control.repository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const match = REF.exec(`refs/${request.params["*"]}`);
      if (!match) return control.fail(reply, 422, "expected heads/<branch> or tags/<tag>");
      const [ref, kind, name] = match as unknown as [string, string, string];
      const current =
        kind === "heads"
          ? state.activity.branch(repository.id, name)
          : state.activity.tag(repository.id, name);
      if (!current) return control.fail(reply, 422, "Reference does not exist");
      if (kind === "heads" && name === repository.defaultBranch) {
        return control.fail(reply, 422, "Cannot delete the default branch");
      }
      if (kind === "heads") state.activity.deleteBranch(repository.id, name);
      else state.activity.deleteTag(repository.id, name);
      const urls = context.webhookUrls();
      const sender = context.owner;
      const refType = kind === "heads" ? "branch" : "tag";
      const deliveries = [
        ...control.emit(
          repository,
          refEventPayload(state, urls, { name: "delete", ref: name, refType, repository, sender }),
        ),
        ...control.emit(
          repository,
          pushEventPayload(state, urls, {
            repository,
            branch: name,
            ref,
            before: current.sha,
            deleted: true,
            commits: [],
            pusher: sender,
          }),
        ),
      ];
      return { deleted: ref, deliveries };
    },
  );

  app.post<{ Params: { owner: string; repo: string; "*": string } }>(
    "/repos/:owner/:repo/branches/*",
    async (request, reply) => {
      const rest = request.params["*"];
      if (!rest.endsWith("/commits"))
        return control.fail(reply, 404, `no control route for branches/${rest}`);
      const body = control.parse(PushBody, request.body, reply);
      if (!body) return reply;
      const repository = control.repository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const name = rest.slice(0, -"/commits".length);
      const branch = state.activity.branch(repository.id, name);
      if (!branch) return control.fail(reply, 404, `no branch ${name}`);
      const before = branch.sha;
      const commit = newCommit(context, repository.id, {
        ref: name,
        message: body.message,
        parentSha: before,
        authorId: context.owner.id,
      });
      branch.sha = commit.sha;
      repository.pushedAt = commit.timestamp;
      const deliveries = control.emit(
        repository,
        pushEventPayload(state, context.webhookUrls(), {
          repository,
          branch: name,
          before,
          commits: [
            {
              id: commit.sha,
              message: commit.message,
              timestamp: commit.timestamp.replace("Z", "+00:00"),
              added: [],
              modified: [],
              removed: [],
            },
          ],
          pusher: context.owner,
        }),
      );
      return reply.code(201).send({ sha: commit.sha, deliveries });
    },
  );

  app.put<{ Params: { owner: string; repo: string; "*": string } }>(
    "/repos/:owner/:repo/branches/*",
    async (request, reply) => {
      const rest = request.params["*"];
      if (!rest.endsWith("/protection"))
        return control.fail(reply, 404, `no control route for branches/${rest}`);
      const result = ProtectionBody.safeParse(request.body ?? null);
      if (!result.success)
        return control.fail(reply, 422, `invalid request body: ${z.prettifyError(result.error)}`);
      const repository = control.repository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const branch = state.activity.branch(repository.id, rest.slice(0, -"/protection".length));
      if (!branch) return control.fail(reply, 404, "no such branch");
      const rules = result.data;
      branch.protection =
        rules === null
          ? null
          : {
              requiredStatusChecks: rules.required_status_checks,
              strict: rules.strict,
              requiredApprovingReviewCount: rules.required_approving_review_count,
              enforceAdmins: rules.enforce_admins,
            };
      return { branch: branch.name, protected: branch.protection !== null, deliveries: [] };
    },
  );
}
