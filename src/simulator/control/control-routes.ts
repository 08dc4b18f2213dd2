import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { renderContentFile } from "../shapes/render-content.js";
import { ADMIN_VIEWER, renderFullRepository } from "../shapes/render-repository.js";
import type { SimulatorContext } from "../simulator-context.js";
import { classicTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord, RepositoryVisibility } from "../state/repository.js";
import { createClassicToken } from "../token-formats.js";
import { repositoryEventPayload } from "../webhooks/repository-event-payload.js";
import { applyRepositoryChanges } from "./apply-repository-changes.js";
import { controlRequest } from "./control-request.js";
import { createRepositoryRecord } from "./create-repository-record.js";
import { startDefaultBranch } from "./start-default-branch.js";

const REPOSITORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const BRANCH_NAME = /^(?!\/|.*\/$|.*\.\.)[A-Za-z0-9._/-]{1,250}$/;
const visibility = z.enum(["public", "private", "internal"]);

const CreateRepositoryBody = z.strictObject({
  name: z.string().regex(REPOSITORY_NAME, "letters, digits, '.', '-' and '_' only, at most 100 characters"),
  description: z.string().nullable().optional(),
  homepage: z.string().nullable().optional(),
  private: z.boolean().optional(),
  visibility: visibility.optional(),
  auto_init: z.boolean().optional(),
  default_branch: z.string().regex(BRANCH_NAME).optional(),
});

const UpdateRepositoryBody = z.strictObject({
  name: z
    .string()
    .regex(REPOSITORY_NAME, "letters, digits, '.', '-' and '_' only, at most 100 characters")
    .optional(),
  description: z.string().nullable().optional(),
  homepage: z.string().nullable().optional(),
  topics: z.array(z.string()).optional(),
  archived: z.boolean().optional(),
  private: z.boolean().optional(),
  visibility: visibility.optional(),
  default_branch: z.string().regex(BRANCH_NAME).optional(),
});

const PutContentBody = z.strictObject({
  content: z.string(),
  branch: z.string().regex(BRANCH_NAME).optional(),
});

const IssueTokenBody = z.strictObject({
  login: z.string().min(1),
  scopes: z.array(z.string()),
});

/**
 * The visibility a body asks for (`visibility`, or `private` alone), or why it cannot be read: `private`
 * and `visibility` given together must agree.
 */
function readVisibility(body: {
  private?: boolean;
  visibility?: RepositoryVisibility;
}): { visibility: RepositoryVisibility | undefined } | { error: string } {
  if (
    body.visibility !== undefined &&
    body.private !== undefined &&
    (body.visibility !== "public") !== body.private
  ) {
    return { error: `"private": ${body.private} contradicts "visibility": "${body.visibility}"` };
  }
  if (body.visibility !== undefined) return { visibility: body.visibility };
  if (body.private !== undefined) return { visibility: body.private ? "private" : "public" };
  return { visibility: undefined };
}

/**
 * The control API (`/_simulator/...`, no authentication): tests, benchmarks and the demo change the
 * simulated GitHub here, and each change emits the webhook GitHub would send. Every answer is
 * `{ ...result, deliveries: [delivery ids] }`; `GET /_simulator/deliveries` lists every attempt.
 */
export function registerControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const tokenRandom = context.random.fork("control-tokens");

  const control = controlRequest(context);
  const { parse, repository: findRepository } = control;

  const emit = (repo: RepositoryRecord, event: Parameters<typeof repositoryEventPayload>[2]): string[] =>
    control.emit(repo, repositoryEventPayload(state, context.webhookUrls(), event));

  /** A new repository of an organization or of a user (`POST /orgs/{org}/repos`, `/user/repos` on GitHub). */
  const createRepository = (
    type: AccountRecord["type"],
    login: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    const body = parse(CreateRepositoryBody, request.body, reply);
    if (!body) return reply;
    const org = state.findAccount(login);
    if (org?.type !== type) {
      const kind = type === "Organization" ? "organization" : "user";
      return control.fail(reply, 404, `no ${kind} ${login} in the simulator`);
    }
    const read = readVisibility(body);
    if ("error" in read) return control.fail(reply, 422, read.error);
    const chosen = read.visibility ?? "public";
    const existing = state.findRepository(org.login, body.name);
    if (existing && existing.movedFrom === null) {
      return control.fail(reply, 422, `name already exists on this account: ${org.login}/${body.name}`);
    }
    const repo = createRepositoryRecord(state, {
      ownerId: org.id,
      name: body.name,
      description: body.description ?? null,
      homepage: body.homepage ?? null,
      visibility: chosen,
      defaultBranch: body.default_branch ?? "main",
    });
    state.addRepository(repo);
    if (body.auto_init) {
      state.writeFile(
        repo.id,
        repo.defaultBranch,
        "README.md",
        `# ${repo.name}\n${repo.description ?? ""}\n`,
      );
      startDefaultBranch(context, repo);
    }
    // A user creates their own repositories; the organization's owner those of the organization.
    const sender = type === "User" ? org : context.owner;
    const deliveries = emit(repo, { action: "created", repository: repo, sender });
    const repository = renderFullRepository(repo, state, context.webhookUrls(), ADMIN_VIEWER);
    return reply.code(201).send({ repository, deliveries });
  };

  app.post<{ Params: { org: string } }>("/orgs/:org/repos", (request, reply) =>
    createRepository("Organization", request.params.org, request, reply),
  );
  // A personal account's repository: it has no account-wide hooks, only repository hooks.
  app.post<{ Params: { login: string } }>("/users/:login/repos", (request, reply) =>
    createRepository("User", request.params.login, request, reply),
  );

  app.patch<{ Params: { owner: string; repo: string } }>("/repos/:owner/:repo", async (request, reply) => {
    const body = parse(UpdateRepositoryBody, request.body, reply);
    if (!body) return reply;
    const repo = findRepository(request.params.owner, request.params.repo, reply);
    if (!repo) return reply;
    const read = readVisibility(body);
    if ("error" in read) return control.fail(reply, 422, read.error);
    const chosen = read.visibility;
    if (body.name !== undefined) {
      const clash = state.findRepository(state.getAccount(repo.ownerId).login, body.name);
      if (clash && clash.movedFrom === null && clash.repository.id !== repo.id) {
        return control.fail(reply, 422, `name already exists on this account: ${body.name}`);
      }
    }
    const changes = applyRepositoryChanges(state, repo, {
      name: body.name,
      description: body.description,
      homepage: body.homepage,
      topics: body.topics,
      archived: body.archived,
      visibility: chosen,
      defaultBranch: body.default_branch,
    });
    const deliveries = changes.flatMap((change) =>
      emit(repo, { ...change, repository: repo, sender: context.owner }),
    );
    const repository = renderFullRepository(repo, state, context.webhookUrls(), ADMIN_VIEWER);
    return { repository, events: changes.map((change) => change.action), deliveries };
  });

  app.delete<{ Params: { owner: string; repo: string } }>("/repos/:owner/:repo", async (request, reply) => {
    const repo = findRepository(request.params.owner, request.params.repo, reply);
    if (!repo) return reply;
    const fullName = `${state.getAccount(repo.ownerId).login}/${repo.name}`;
    const deliveries = emit(repo, { action: "deleted", repository: repo, sender: context.owner });
    state.deleteRepository(repo);
    return { deleted: fullName, deliveries };
  });

  app.put<{ Params: { owner: string; repo: string; "*": string } }>(
    "/repos/:owner/:repo/contents/*",
    async (request, reply) => {
      const body = parse(PutContentBody, request.body, reply);
      if (!body) return reply;
      const repo = findRepository(request.params.owner, request.params.repo, reply);
      if (!repo) return reply;
      const path = request.params["*"].replace(/^\/+|\/+$/g, "");
      if (path === "" || path.split("/").some((part) => part === "" || part === "." || part === "..")) {
        return control.fail(reply, 422, `invalid file path "${request.params["*"]}"`);
      }
      const branch = body.branch ?? repo.defaultBranch;
      state.ensureRef(repo.id, branch, repo.defaultBranch);
      state.writeFile(repo.id, branch, path, body.content);
      const now = state.clock.now();
      repo.pushedAt = now;
      repo.updatedAt = now;
      const fullName = `${state.getAccount(repo.ownerId).login}/${repo.name}`;
      const content = renderContentFile(
        { urls: context.webhookUrls(), fullName, ref: branch, path },
        body.content,
      );
      return { content, deliveries: [] };
    },
  );

  app.get("/deliveries", async () => ({ deliveries: state.deliveries() }));

  app.post("/tokens", async (request, reply) => {
    const body = parse(IssueTokenBody, request.body, reply);
    if (!body) return reply;
    const user = state.findAccount(body.login);
    if (user?.type !== "User") return control.fail(reply, 404, `no user ${body.login} in the simulator`);
    const token = createClassicToken(tokenRandom);
    state.addToken(classicTokenRecord(token, user.id, body.scopes));
    return reply
      .code(201)
      .send({ token, login: user.login, scopes: [...body.scopes].sort(), deliveries: [] });
  });
}
