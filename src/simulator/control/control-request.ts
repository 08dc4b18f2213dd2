import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { SimulatorContext } from "../simulator-context.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { WebhookEvent } from "../webhooks/webhook-dispatcher.js";

/**
 * What the control routes of the repo-scoped kinds share: body parsing (422 with zod's explanation),
 * errors as `{message}`, the repository a path names (404 when absent or renamed), and emitting an event
 * to the repository's hooks and its organization's.
 */
export function controlRequest(context: SimulatorContext) {
  const { state } = context;
  const fail = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ message });
  return {
    fail,
    parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
      const result = schema.safeParse(body ?? {});
      if (result.success) return result.data;
      fail(reply, 422, `invalid request body: ${z.prettifyError(result.error)}`);
      return undefined;
    },
    repository(owner: string, name: string, reply: FastifyReply): RepositoryRecord | undefined {
      const found = state.findRepository(owner, name);
      if (!found || found.movedFrom !== null) {
        fail(reply, 404, `no repository ${owner}/${name} in the simulator`);
        return undefined;
      }
      return found.repository;
    },
    emit(repository: RepositoryRecord, event: WebhookEvent): string[] {
      return context.webhooks.emitToRepository(repository, event);
    },
  };
}

/** A new commit on `ref` on top of `parentSha` (or a root commit), stamped by the simulator clock. */
export function newCommit(
  context: SimulatorContext,
  repositoryId: number,
  input: { ref: string; message: string; parentSha: string | null; authorId: number },
) {
  return context.state.recordCommit(repositoryId, input.ref, {
    parentSha: input.parentSha,
    message: input.message,
    authorId: input.authorId,
    date: context.state.clock.now(),
  });
}
