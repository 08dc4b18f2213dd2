import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendNotFound, sendValidationFailed, type ValidationErrorItem } from "../http/github-error.js";
import type { HookFamily } from "../http/hook-family.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { requireContext } from "../http/request-context.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { HookRecord } from "../state/repository-hook.js";

type HookBody = Record<string, unknown>;
type HookConfig = HookRecord["config"];
type Params = Record<string, string>;

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

function isErrors(value: string[] | ValidationErrorItem[]): value is ValidationErrorItem[] {
  return value.some((item) => typeof item !== "string");
}

function bodyOf(request: FastifyRequest): HookBody {
  return (typeof request.body === "object" && request.body !== null ? request.body : {}) as HookBody;
}

/**
 * A family's webhooks (organization or repository): list, create (then a `ping`), get, update, delete,
 * ping, and the config alone. Whoever may not administer the family's hooks gets `404`, as on GitHub.
 * Secrets are stored and used to sign deliveries, never returned (`"********"` instead).
 */
export function registerHookRoutes<Target, Hook extends HookRecord>(
  app: FastifyInstance,
  context: SimulatorContext,
  family: HookFamily<Target, Hook>,
): void {
  for (const collection of family.collections) registerHookRoutesAt(app, context, family, collection);
}

function registerHookRoutesAt<Target, Hook extends HookRecord>(
  app: FastifyInstance,
  context: SimulatorContext,
  family: HookFamily<Target, Hook>,
  collection: string,
): void {
  const { state } = context;
  const { docs } = family;
  const one = `${collection}/:hook_id`;

  /** The target and the hook a `…/hooks/:hook_id…` request names, or undefined once the 404 is sent. */
  const locate = (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, doc: string) => {
    const target = family.authorize(request, reply, doc);
    if (target === undefined) return undefined;
    const hook = family.findHook(target, request.params.hook_id ?? "");
    if (!hook) {
      sendNotFound(reply, doc);
      return undefined;
    }
    return { target, hook };
  };

  const deliverPing = (request: FastifyRequest, hook: Hook, target: Target) =>
    context.webhooks.deliverTo(hook, family.ping(hook, target, requireContext(request.github).viewer));

  app.get<{ Params: Params }>(collection, family.read, async (request, reply) => {
    const target = family.authorize(request, reply, docs.list);
    if (target === undefined) return reply;
    const { urls } = requireContext(request.github);
    const query = request.query as Record<string, string>;
    const pageRequest = readPageRequest(query);
    const page = slicePage(family.hooksOf(target), pageRequest);
    const link = linkHeader(
      family.collectionUrl(target, urls),
      new URLSearchParams(query),
      pageRequest.page,
      page.lastPage,
    );
    if (link) reply.header("link", link);
    return page.items.map((hook) => family.render(hook, target, urls));
  });

  app.post<{ Params: Params }>(collection, family.write, async (request, reply) => {
    const target = family.authorize(request, reply, docs.create);
    if (target === undefined) return reply;
    const body = bodyOf(request);
    if (body.name !== undefined && body.name !== "web") {
      return sendValidationFailed(reply, docs.create, [{ resource: "Hook", code: "invalid", field: "name" }]);
    }
    const config = readConfig(body.config);
    if (Array.isArray(config)) return sendValidationFailed(reply, docs.create, config);
    const events = body.events === undefined ? ["push"] : readEvents(body.events);
    if (isErrors(events)) return sendValidationFailed(reply, docs.create, events);
    if (family.hooksOf(target).some((hook) => hook.config.url === config.url)) {
      return sendValidationFailed(reply, docs.create, [
        { resource: "Hook", code: "custom", message: family.duplicateMessage },
      ]);
    }
    const now = state.clock.now();
    const hook = family.add(target, {
      name: "web",
      events,
      active: body.active === undefined ? true : body.active === true,
      config,
      createdAt: now,
      updatedAt: now,
    });
    const rendered = family.render(hook, target, requireContext(request.github).urls);
    if (hook.active) deliverPing(request, hook, target);
    return reply.code(201).header("location", rendered.url).send(rendered);
  });

  app.get<{ Params: Params }>(one, family.read, async (request, reply) => {
    const found = locate(request, reply, docs.get);
    if (!found) return reply;
    return family.render(found.hook, found.target, requireContext(request.github).urls);
  });

  app.patch<{ Params: Params }>(one, family.write, async (request, reply) => {
    const found = locate(request, reply, docs.update);
    if (!found) return reply;
    const { hook, target } = found;
    const body = bodyOf(request);
    if (body.name !== undefined && body.name !== "web") {
      return sendValidationFailed(reply, docs.update, [{ resource: "Hook", code: "invalid", field: "name" }]);
    }
    const config = body.config === undefined ? hook.config : readConfig(body.config);
    if (Array.isArray(config)) return sendValidationFailed(reply, docs.update, config);
    const events = body.events === undefined ? hook.events : readEvents(body.events);
    if (isErrors(events)) return sendValidationFailed(reply, docs.update, events);
    hook.config = config;
    hook.events = events;
    if (typeof body.active === "boolean") hook.active = body.active;
    hook.updatedAt = state.clock.now();
    return family.render(hook, target, requireContext(request.github).urls);
  });

  app.get<{ Params: Params }>(`${one}/config`, family.read, async (request, reply) => {
    const found = locate(request, reply, docs.getConfig);
    if (!found) return reply;
    return family.render(found.hook, found.target, requireContext(request.github).urls).config;
  });

  // Only the keys sent change; the others keep their values.
  app.patch<{ Params: Params }>(`${one}/config`, family.write, async (request, reply) => {
    const found = locate(request, reply, docs.updateConfig);
    if (!found) return reply;
    const { hook, target } = found;
    const config = readConfig({
      url: hook.config.url,
      content_type: hook.config.contentType,
      insecure_ssl: hook.config.insecureSsl,
      secret: hook.config.secret ?? undefined,
      ...bodyOf(request),
    });
    if (Array.isArray(config)) return sendValidationFailed(reply, docs.updateConfig, config);
    hook.config = config;
    hook.updatedAt = state.clock.now();
    return family.render(hook, target, requireContext(request.github).urls).config;
  });

  app.delete<{ Params: Params }>(one, family.remove, async (request, reply) => {
    const found = locate(request, reply, docs.delete);
    if (!found) return reply;
    family.delete(found.hook);
    return reply.code(204).send();
  });

  app.post<{ Params: Params }>(`${one}/pings`, family.write, async (request, reply) => {
    const found = locate(request, reply, docs.ping);
    if (!found) return reply;
    deliverPing(request, found.hook, found.target);
    return reply.code(204).send();
  });
}
