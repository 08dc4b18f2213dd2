import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { SimulatorContext } from "../simulator-context.js";
import type { AccountRecord } from "../state/account.js";
import { formatGitHubTime } from "../state/simulator-clock.js";
import {
  FINE_GRAINED_ORGANIZATION_PERMISSIONS,
  FINE_GRAINED_REPOSITORY_PERMISSIONS,
  type TokenGrant,
  withImpliedMetadata,
} from "../state/token-grant.js";
import { createFineGrainedToken } from "../token-formats.js";
import { controlRequest } from "./control-request.js";

const Permissions = z.partialRecord(
  z.enum([...FINE_GRAINED_REPOSITORY_PERMISSIONS, ...FINE_GRAINED_ORGANIZATION_PERMISSIONS]),
  z.enum(["read", "write"]),
);
const Repositories = z.union([z.literal("all"), z.array(z.string().min(1))]);

const FineGrainedTokenBody = z.strictObject({
  /** The token's user. */
  login: z.string().min(1),
  /** The resource owner: the one organization the token reaches. */
  organization: z.string().min(1),
  permissions: Permissions,
  repositories: Repositories.optional(),
  expires_in_seconds: z.number().int().positive().optional(),
});
const InstallationBody = z.strictObject({
  organization: z.string().min(1),
  permissions: Permissions.optional(),
  repositories: Repositories.optional(),
});
const InstallationPermissionsBody = z.strictObject({ permissions: Permissions });
const LifetimeBody = z.strictObject({ seconds: z.number().int().positive() });

/**
 * The control API for credentials (`/_simulator/...`): fine-grained PATs with chosen permissions and
 * repositories, revoking any token, installing the App on an organization, changing an installation's
 * permissions, suspending and unsuspending an installation, and the lifetime of new installation tokens. No webhook is emitted (GitHub sends
 * `installation` events to the App's own webhook, which the simulator does not model).
 */
export function registerCredentialControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const control = controlRequest(context);
  const tokenRandom = context.random.fork("control-fine-grained-tokens");

  const organization = (login: string, reply: FastifyReply): AccountRecord | undefined => {
    const org = state.findAccount(login);
    if (org?.type === "Organization") return org;
    control.fail(reply, 404, `no organization ${login} in the simulator`);
    return undefined;
  };
  /** `all`, or the ids of the named repositories of `org` (undefined after a 404 for an unknown one). */
  const selection = (
    org: AccountRecord,
    names: "all" | string[] | undefined,
    reply: FastifyReply,
  ): TokenGrant["repositories"] | undefined => {
    if (names === undefined || names === "all") return "all";
    const ids = new Set<number>();
    for (const name of names) {
      const found = state.findRepository(org.login, name);
      if (!found || found.movedFrom !== null) {
        control.fail(reply, 404, `no repository ${org.login}/${name} in the simulator`);
        return undefined;
      }
      ids.add(found.repository.id);
    }
    return ids;
  };

  app.post("/tokens/fine-grained", async (request, reply) => {
    const body = control.parse(FineGrainedTokenBody, request.body, reply);
    if (!body) return reply;
    const user = state.findAccount(body.login);
    if (user?.type !== "User") return control.fail(reply, 404, `no user ${body.login} in the simulator`);
    const org = organization(body.organization, reply);
    if (!org) return reply;
    const repositories = selection(org, body.repositories, reply);
    if (!repositories) return reply;
    const token = createFineGrainedToken(tokenRandom);
    const expiresAtMs =
      body.expires_in_seconds === undefined ? null : Date.now() + body.expires_in_seconds * 1000;
    const permissions = withImpliedMetadata(body.permissions);
    state.addToken({
      token,
      kind: "fine-grained",
      userId: user.id,
      scopes: [],
      grant: { ownerId: org.id, repositories, permissions },
      expiresAtMs,
      revoked: false,
      rateLimitKey: token,
    });
    return reply.code(201).send({
      token,
      expires_at: expiresAtMs === null ? null : formatGitHubTime(new Date(expiresAtMs)),
      permissions,
      deliveries: [],
    });
  });

  app.delete<{ Params: { token: string } }>("/tokens/:token", async (request, reply) => {
    const token = state.findToken(request.params.token);
    if (!token) return control.fail(reply, 404, "no such token in the simulator");
    token.revoked = true;
    return { revoked: true, deliveries: [] };
  });

  app.post("/app/installations", async (request, reply) => {
    const body = control.parse(InstallationBody, request.body, reply);
    if (!body) return reply;
    const [self] = state.apps.listApps();
    if (!self) return control.fail(reply, 404, "the simulator has no GitHub App");
    const org = organization(body.organization, reply);
    if (!org) return reply;
    if (state.apps.installationOn(self.id, org.id)) {
      return control.fail(reply, 422, `the App is already installed on ${org.login}`);
    }
    const repositories = selection(org, body.repositories, reply);
    if (!repositories) return reply;
    const installer = [...org.members.entries()].find(([, role]) => role === "admin")?.[0];
    if (installer === undefined)
      return control.fail(reply, 422, `${org.login} has no owner to install the App`);
    const now = state.clock.now();
    const installation = state.apps.install({
      appId: self.id,
      grant: {
        ownerId: org.id,
        repositories,
        permissions: withImpliedMetadata(body.permissions ?? { metadata: "read" }),
      },
      installedById: installer,
      suspendedAt: null,
      suspendedById: null,
      createdAt: now,
      updatedAt: now,
    });
    return reply.code(201).send({ id: installation.id, deliveries: [] });
  });

  // The organization accepting the permissions the App asks for (or the App asking for fewer): tokens
  // minted from now on carry them; tokens minted before keep theirs until they expire, as on GitHub.
  app.put<{ Params: { id: string } }>("/app/installations/:id/permissions", async (request, reply) => {
    const body = control.parse(InstallationPermissionsBody, request.body, reply);
    if (!body) return reply;
    const installation = /^\d+$/.test(request.params.id)
      ? state.apps.getInstallation(Number(request.params.id))
      : undefined;
    if (!installation)
      return control.fail(reply, 404, `no installation ${request.params.id} in the simulator`);
    installation.grant = { ...installation.grant, permissions: withImpliedMetadata(body.permissions) };
    installation.updatedAt = state.clock.now();
    return { id: installation.id, permissions: installation.grant.permissions, deliveries: [] };
  });

  const suspension =
    (suspend: boolean) => async (request: { params: { id: string } }, reply: FastifyReply) => {
      const installation = /^\d+$/.test(request.params.id)
        ? state.apps.getInstallation(Number(request.params.id))
        : undefined;
      if (!installation)
        return control.fail(reply, 404, `no installation ${request.params.id} in the simulator`);
      const now = state.clock.now();
      installation.suspendedAt = suspend ? now : null;
      installation.suspendedById = suspend ? installation.installedById : null;
      installation.updatedAt = now;
      return { id: installation.id, suspended_at: installation.suspendedAt, deliveries: [] };
    };
  app.put<{ Params: { id: string } }>("/app/installations/:id/suspended", suspension(true));
  app.delete<{ Params: { id: string } }>("/app/installations/:id/suspended", suspension(false));

  app.put("/app/installation-token-lifetime", async (request, reply) => {
    const body = control.parse(LifetimeBody, request.body, reply);
    if (!body) return reply;
    state.apps.installationTokenLifetimeMs = body.seconds * 1000;
    return { seconds: body.seconds, deliveries: [] };
  });
}
