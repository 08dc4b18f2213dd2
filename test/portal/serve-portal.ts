import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { FixtureApi, FixtureFailure } from "./fixture-api.js";

/** Where `npm run build` (vite build) puts the portal. */
export const PORTAL_DIST = resolve(import.meta.dirname, "../../dist/portal");

export interface ServedPortal {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves the built portal as the real server will — files at `/`, index.html for any other non-API
 * path — and answers the two catalog routes from `api`. Listens on 127.0.0.1, any free port.
 */
export async function servePortal(api: FixtureApi): Promise<ServedPortal> {
  if (!existsSync(resolve(PORTAL_DIST, "index.html"))) {
    throw new Error(
      `${PORTAL_DIST}/index.html is missing: build the portal first ` +
        "(npm run build, or npx vite build --config src/portal/vite.config.ts).",
    );
  }
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyStatic, { root: PORTAL_DIST, prefix: "/" });

  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    api.requests.push(request.url);
    if (api.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, api.delayMs));
  });

  app.get("/api/v1/blueprints", async (_request, reply) => {
    const failure = api.failures.get("blueprints");
    if (failure) return fail(reply, failure);
    return {
      blueprints: api.blueprints.map((blueprint) => ({
        ...blueprint,
        entityCount: api.entities.filter((entity) => entity.blueprint === blueprint.identifier).length,
      })),
    };
  });

  app.get<{ Params: { identifier: string }; Querystring: { limit?: string; offset?: string } }>(
    "/api/v1/blueprints/:identifier/entities",
    async (request, reply) => {
      const { identifier } = request.params;
      const failure = api.failures.get(`entities:${identifier}`);
      if (failure) return fail(reply, failure);
      if (!api.blueprints.some((blueprint) => blueprint.identifier === identifier)) {
        return fail(reply, {
          status: 404,
          code: "BLUEPRINT_NOT_FOUND",
          message: `No blueprint ${identifier}.`,
        });
      }
      const limit = Number(request.query.limit ?? 100);
      const offset = Number(request.query.offset ?? 0);
      const all = api.entities.filter((entity) => entity.blueprint === identifier);
      return { entities: all.slice(offset, offset + limit), total: all.length };
    },
  );

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/")) {
      return fail(reply, { status: 404, code: "NOT_FOUND", message: `No route ${request.url}.` });
    }
    return reply.type("text/html").sendFile("index.html");
  });

  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  let closed: Promise<void> | undefined;
  return { url, close: () => (closed ??= app.close()) };
}

function fail(reply: FastifyReply, failure: FixtureFailure) {
  return reply.code(failure.status).send({ error: { code: failure.code, message: failure.message } });
}
