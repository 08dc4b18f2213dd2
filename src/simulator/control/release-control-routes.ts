import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { renderRelease } from "../shapes/render-release.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { ReleaseRecord } from "../state/release.js";
import { refEventPayload } from "../webhooks/ref-event-payload.js";
import { releaseEventPayload } from "../webhooks/release-event-payload.js";
import { controlRequest } from "./control-request.js";

const CreateBody = z.strictObject({
  tag_name: z.string().regex(/^(?!\/|.*\/$|.*\.\.)[A-Za-z0-9._/-]{1,250}$/),
  name: z.string().nullable().optional(),
  body: z.string().nullable().optional(),
  draft: z.boolean().optional(),
  prerelease: z.boolean().optional(),
});

const UpdateBody = z.strictObject({
  name: z.string().nullable().optional(),
  body: z.string().nullable().optional(),
  prerelease: z.boolean().optional(),
});

/**
 * `POST /_simulator/repos/{o}/{r}/releases` (→ `release` `created` — and `published` unless a draft —
 * after a `create` event for a tag it had to make at the default branch's head), `PATCH …/releases/{id}`
 * (→ `edited`) and `DELETE …/releases/{id}` (→ `deleted`; the tag stays, as on GitHub).
 */
export function registerReleaseControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const control = controlRequest(context);
  type Params = { owner: string; repo: string; id: string };
  const find = (params: Params, reply: FastifyReply) => {
    const repository = control.repository(params.owner, params.repo, reply);
    if (!repository) return undefined;
    const release = state.activity.release(repository.id, Number(params.id));
    if (!release) {
      control.fail(reply, 404, `no release ${params.id} in ${params.owner}/${params.repo}`);
      return undefined;
    }
    return { repository, release };
  };

  app.post<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/releases",
    async (request, reply) => {
      const body = control.parse(CreateBody, request.body, reply);
      if (!body) return reply;
      const repository = control.repository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const urls = context.webhookUrls();
      const deliveries: string[] = [];
      if (!state.activity.tag(repository.id, body.tag_name)) {
        const head = state.activity.branch(repository.id, repository.defaultBranch);
        if (!head) return control.fail(reply, 422, `no default branch ${repository.defaultBranch}`);
        state.activity.setTag(repository.id, { name: body.tag_name, sha: head.sha });
        deliveries.push(
          ...control.emit(
            repository,
            refEventPayload(state, urls, {
              name: "create",
              ref: body.tag_name,
              refType: "tag",
              repository,
              sender: context.owner,
            }),
          ),
        );
      }
      const now = state.clock.now();
      const release: ReleaseRecord = {
        id: state.activity.allocateId("release", repository.id),
        repositoryId: repository.id,
        tagName: body.tag_name,
        targetCommitish: repository.defaultBranch,
        name: body.name ?? null,
        body: body.body ?? null,
        draft: body.draft ?? false,
        prerelease: body.prerelease ?? false,
        authorId: context.owner.id,
        createdAt: now,
        publishedAt: body.draft ? null : now,
      };
      state.activity.addRelease(release);
      for (const action of release.draft ? (["created"] as const) : (["created", "published"] as const)) {
        deliveries.push(
          ...control.emit(
            repository,
            releaseEventPayload(state, urls, { action, release, repository, sender: context.owner }),
          ),
        );
      }
      return reply.code(201).send({ release: renderRelease(release, repository, state, urls), deliveries });
    },
  );

  app.patch<{ Params: Params }>("/repos/:owner/:repo/releases/:id", async (request, reply) => {
    const body = control.parse(UpdateBody, request.body, reply);
    if (!body) return reply;
    const found = find(request.params, reply);
    if (!found) return reply;
    const { release, repository } = found;
    const changes: Record<string, { from: string | null }> = {};
    if (body.name !== undefined && body.name !== release.name) {
      changes.name = { from: release.name };
      release.name = body.name;
    }
    if (body.body !== undefined && body.body !== release.body) {
      changes.body = { from: release.body };
      release.body = body.body;
    }
    if (body.prerelease !== undefined) release.prerelease = body.prerelease;
    const urls = context.webhookUrls();
    const deliveries = control.emit(
      repository,
      releaseEventPayload(state, urls, {
        action: "edited",
        changes,
        release,
        repository,
        sender: context.owner,
      }),
    );
    return { release: renderRelease(release, repository, state, urls), deliveries };
  });

  app.delete<{ Params: Params }>("/repos/:owner/:repo/releases/:id", async (request, reply) => {
    const found = find(request.params, reply);
    if (!found) return reply;
    const { release, repository } = found;
    const deliveries = control.emit(
      repository,
      releaseEventPayload(state, context.webhookUrls(), {
        action: "deleted",
        release,
        repository,
        sender: context.owner,
      }),
    );
    state.activity.deleteRelease(release);
    return { deleted: release.id, deliveries };
  });
}
