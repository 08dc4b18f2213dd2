import type { FastifyInstance } from "fastify";
import { sendNotFound, sendValidationFailed, type ValidationErrorItem } from "../http/github-error.js";
import { HOOKS_READ, HOOKS_WRITE, orgHookAccess } from "../http/org-hook-access.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { requireContext } from "../http/request-context.js";
import { renderOrgHook } from "../shapes/render-org-hook.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import { pingEventPayload } from "../webhooks/ping-event-payload.js";

const DOCS = {
  list: "https://docs.github.com/rest/orgs/webhooks#list-organization-webhooks",
  create: "https://docs.github.com/rest/orgs/webhooks#create-an-organization-webhook",
  get: "https://docs.github.com/rest/orgs/webhooks#get-an-organization-webhook",
  update: "https://docs.github.com/rest/orgs/webhooks#update-an-organization-webhook",
  delete: "https://docs.github.com/rest/orgs/webhooks#delete-an-organization-webhook",
  ping: "https://docs.github.com/rest/orgs/webhooks#ping-an-organization-webhook",
  getConfig: "https://docs.github.com/rest/orgs/webhooks#get-a-webhook-configuration-for-an-organization",
  updateConfig:
    "https://docs.github.com/rest/orgs/webhooks#update-a-webhook-configuration-for-an-organization",
};

type HookBody = Record<string, unknown>;
type HookConfig = OrgHookRecord["config"];

/**
 * Reads a hook's `config` as GitHub validates it. Returns the config or the 422 errors. `content_type`
 * defaults to `form` and `insecure_ssl` to `"0"`, as documented; an empty secret means none.
 */
function readConfig(raw: unknown): HookConfig | ValidationErrorItem[] {
  const config = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  if (typeof config.url !== "string" || config.url.trim() === "") {
    return [{ resource: "Hook", code: "custom", message: "Config must contain URL for webhooks" }];
  }
  try {
    const url = new URL(config.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
  } catch {
    return [
      {
        resource: "Hook",
        code: "custom",
        message:
          "The URL you've entered is not valid. Please make sure that you encode all special characters first",
      },
    ];
  }
  const contentType = config.content_type ?? "form";
  if (contentType !== "json" && contentType !== "form") {
    return [
      { resource: "Hook", code: "custom", field: "content_type", message: "Content type is not valid" },
    ];
  }
  const insecure = String(config.insecure_ssl ?? "0");
  if (insecure !== "0" && insecure !== "1") {
    return [{ resource: "Hook", code: "invalid", field: "insecure_ssl" }];
  }
  const secret = typeof config.secret === "string" && config.secret !== "" ? config.secret : null;
  return { url: config.url, contentType, insecureSsl: insecure, secret };
}

function readEvents(raw: unknown): string[] | ValidationErrorItem[] {
  if (!Array.isArray(raw) || raw.some((event) => typeof event !== "string")) {
    return [{ resource: "Hook", code: "invalid", field: "events" }];
  }
  return [...new Set(raw as string[])];
}

/**
 * Organization webhooks: list, create (then a `ping`), get, update, delete, ping. A token without the
 * `admin:org_hook` scope, or a viewer who is not an organization owner, gets `404` as on GitHub.
 * Secrets are stored and used to sign deliveries, never returned (`"********"` instead).
 */
export function registerOrgHookRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;

  const { authorizedOrg, findHook } = orgHookAccess(context);

  app.get<{ Params: { org: string } }>("/orgs/:org/hooks", HOOKS_READ, async (request, reply) => {
    const org = authorizedOrg(request, reply, request.params.org, DOCS.list);
    if (!org) return reply;
    const { urls } = requireContext(request.github);
    const query = request.query as Record<string, string>;
    const pageRequest = readPageRequest(query);
    const page = slicePage(state.hooksOf(org.id), pageRequest);
    const link = linkHeader(
      `${urls.api}/orgs/${org.login}/hooks`,
      new URLSearchParams(query),
      pageRequest.page,
      page.lastPage,
    );
    if (link) reply.header("link", link);
    return page.items.map((hook) => renderOrgHook(hook, org, urls));
  });

  app.post<{ Params: { org: string } }>("/orgs/:org/hooks", HOOKS_WRITE, async (request, reply) => {
    const org = authorizedOrg(request, reply, request.params.org, DOCS.create);
    if (!org) return reply;
    const { urls, viewer } = requireContext(request.github);
    const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as HookBody;
    if (body.name !== undefined && body.name !== "web") {
      return sendValidationFailed(reply, DOCS.create, [{ resource: "Hook", code: "invalid", field: "name" }]);
    }
    const config = readConfig(body.config);
    if (Array.isArray(config)) return sendValidationFailed(reply, DOCS.create, config);
    const events = body.events === undefined ? ["push"] : readEvents(body.events);
    if (isErrors(events)) return sendValidationFailed(reply, DOCS.create, events);
    if (state.hooksOf(org.id).some((hook) => hook.config.url === config.url)) {
      return sendValidationFailed(reply, DOCS.create, [
        { resource: "Hook", code: "custom", message: "Hook already exists on this organization" },
      ]);
    }
    const now = state.clock.now();
    const hook: OrgHookRecord = {
      id: state.allocateHookId(),
      orgId: org.id,
      name: "web",
      events,
      active: body.active === undefined ? true : body.active === true,
      config,
      createdAt: now,
      updatedAt: now,
    };
    state.addHook(hook);
    const rendered = renderOrgHook(hook, org, urls);
    if (hook.active) {
      context.webhooks.deliverTo(
        hook,
        org,
        pingEventPayload(context.random, context.webhookUrls(), { hook, organization: org, sender: viewer }),
      );
    }
    return reply.code(201).header("location", rendered.url).send(rendered);
  });

  app.get<{ Params: { org: string; id: string } }>(
    "/orgs/:org/hooks/:id",
    HOOKS_READ,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.get);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      if (!hook) return sendNotFound(reply, DOCS.get);
      return renderOrgHook(hook, org, requireContext(request.github).urls);
    },
  );

  app.patch<{ Params: { org: string; id: string } }>(
    "/orgs/:org/hooks/:id",
    HOOKS_WRITE,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.update);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      if (!hook) return sendNotFound(reply, DOCS.update);
      const body = (
        typeof request.body === "object" && request.body !== null ? request.body : {}
      ) as HookBody;
      if (body.name !== undefined && body.name !== "web") {
        return sendValidationFailed(reply, DOCS.update, [
          { resource: "Hook", code: "invalid", field: "name" },
        ]);
      }
      const config = body.config === undefined ? hook.config : readConfig(body.config);
      if (Array.isArray(config)) return sendValidationFailed(reply, DOCS.update, config);
      const events = body.events === undefined ? hook.events : readEvents(body.events);
      if (isErrors(events)) return sendValidationFailed(reply, DOCS.update, events);
      hook.config = config;
      hook.events = events;
      if (typeof body.active === "boolean") hook.active = body.active;
      hook.updatedAt = state.clock.now();
      return renderOrgHook(hook, org, requireContext(request.github).urls);
    },
  );

  app.get<{ Params: { org: string; id: string } }>(
    "/orgs/:org/hooks/:id/config",
    HOOKS_READ,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.getConfig);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      if (!hook) return sendNotFound(reply, DOCS.getConfig);
      return renderOrgHook(hook, org, requireContext(request.github).urls).config;
    },
  );

  // Only the keys sent change; the others keep their values.
  app.patch<{ Params: { org: string; id: string } }>(
    "/orgs/:org/hooks/:id/config",
    HOOKS_WRITE,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.updateConfig);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      if (!hook) return sendNotFound(reply, DOCS.updateConfig);
      const body = (
        typeof request.body === "object" && request.body !== null ? request.body : {}
      ) as HookBody;
      const config = readConfig({
        url: hook.config.url,
        content_type: hook.config.contentType,
        insecure_ssl: hook.config.insecureSsl,
        secret: hook.config.secret ?? undefined,
        ...body,
      });
      if (Array.isArray(config)) return sendValidationFailed(reply, DOCS.updateConfig, config);
      hook.config = config;
      hook.updatedAt = state.clock.now();
      return renderOrgHook(hook, org, requireContext(request.github).urls).config;
    },
  );

  app.delete<{ Params: { org: string; id: string } }>(
    "/orgs/:org/hooks/:id",
    HOOKS_WRITE,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.delete);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      if (!hook) return sendNotFound(reply, DOCS.delete);
      state.deleteHook(hook.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { org: string; id: string } }>(
    "/orgs/:org/hooks/:id/pings",
    HOOKS_WRITE,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.ping);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      if (!hook) return sendNotFound(reply, DOCS.ping);
      const { viewer } = requireContext(request.github);
      context.webhooks.deliverTo(
        hook,
        org,
        pingEventPayload(context.random, context.webhookUrls(), { hook, organization: org, sender: viewer }),
      );
      return reply.code(204).send();
    },
  );
}

function isErrors(value: string[] | ValidationErrorItem[]): value is ValidationErrorItem[] {
  return value.some((item) => typeof item !== "string");
}
