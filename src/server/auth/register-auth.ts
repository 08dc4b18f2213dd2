import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { problem } from "../webhook-route.js";
import type { accessTokenResponse, newClientResponse, signedInResponse } from "./auth-operations.js";
import type { AuthStore, Principal } from "./auth-store.js";

export const SESSION_COOKIE = "portolan_session";
const SESSION_SECONDS = 12 * 3600;
const API_TOKEN_SECONDS = 3600;

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const signIn = z.object({ username: z.string().min(1), password: z.string().min(1) });
export const clientCredentials = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
export const newClient = z.object({ name: z.string().min(1).max(100) });

/** Paths anyone may call: signing in, getting an API token, the webhook (signature-checked), health. */
function isPublic(request: FastifyRequest): boolean {
  const path = request.url.split("?")[0] ?? "";
  if (path === "/api/v1/session" && request.method === "POST") return true;
  if (path === "/v1/auth/access_token") return true;
  return !path.startsWith("/api/") && !path.startsWith("/v1/");
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

/**
 * Nobody reaches the API without signing in: a portal session (HttpOnly cookie from username and
 * password) or a bearer token from client id and secret (`POST /v1/auth/access_token`, as Port's
 * API). The SPA's static files are public: without a session it shows only the sign-in page.
 */
export async function registerAuth(app: FastifyInstance, store: AuthStore): Promise<void> {
  await app.register(fastifyCookie);

  app.addHook("onRequest", async (request, reply) => {
    if (isPublic(request)) return;
    const token = bearerToken(request);
    const principal = token ? await store.principalOf(token) : undefined;
    if (!principal && request.url.startsWith("/v1/")) {
      // Port's API answers in Port's error shape, which Ocean and Port's clients read.
      return reply.code(401).send({
        ok: false,
        error: "unauthorized",
        message: "send Authorization: Bearer <token> from POST /v1/auth/access_token",
      });
    }
    if (!principal) {
      return reply
        .code(401)
        .send(
          problem(
            "AUTH_REQUIRED",
            "sign in first",
            "Sign in to the portal, or send Authorization: Bearer <token> from POST /v1/auth/access_token.",
          ),
        );
    }
    request.principal = principal;
  });

  app.post("/api/v1/session", async (request, reply) => {
    const body = signIn.safeParse(request.body);
    if (!body.success) {
      return reply
        .code(400)
        .send(problem("AUTH_INVALID_REQUEST", "send a JSON object with username and password"));
    }
    if (!(await store.verifyAccount(body.data.username, body.data.password))) {
      return reply.code(401).send(problem("AUTH_BAD_CREDENTIALS", "wrong username or password"));
    }
    const { token, expiresAt } = await store.issueToken(
      `account:${body.data.username}`,
      "session",
      SESSION_SECONDS,
    );
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "strict",
      path: "/",
      expires: expiresAt,
    });
    return {
      username: body.data.username,
      expiresAt: expiresAt.toISOString(),
    } satisfies z.input<typeof signedInResponse>;
  });

  app.get("/api/v1/session", async (request) => ({
    subject: request.principal?.subject,
    expiresAt: request.principal?.expiresAt.toISOString(),
  }));

  app.delete("/api/v1/session", async (request, reply) => {
    const token = bearerToken(request);
    if (token) await store.revokeToken(token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(204).send();
  });

  app.post("/api/v1/clients", async (request, reply) => {
    const body = newClient.safeParse(request.body);
    if (!body.success)
      return reply.code(400).send(problem("AUTH_INVALID_REQUEST", "send a JSON object with a name"));
    const client = await store.createClient(body.data.name);
    return reply.code(201).send({
      ...client,
      note: "the secret is shown only now; store it",
    } satisfies z.input<typeof newClientResponse>);
  });

  // Port's way: `POST /v1/auth/access_token {clientId, clientSecret}` → `{accessToken, expiresIn, tokenType}`.
  app.post("/v1/auth/access_token", async (request, reply) => {
    const body = clientCredentials.safeParse(request.body);
    if (!body.success) {
      return reply
        .code(400)
        .send(problem("AUTH_INVALID_REQUEST", "send a JSON object with clientId and clientSecret"));
    }
    if (!(await store.verifyClient(body.data.clientId, body.data.clientSecret))) {
      return reply.code(401).send(problem("AUTH_BAD_CREDENTIALS", "unknown clientId or wrong clientSecret"));
    }
    const { token } = await store.issueToken(`client:${body.data.clientId}`, "api", API_TOKEN_SECONDS);
    return {
      ok: true,
      accessToken: token,
      expiresIn: API_TOKEN_SECONDS,
      tokenType: "Bearer",
    } satisfies z.input<typeof accessTokenResponse>;
  });
}
