import { z } from "zod";
import type { ApiOperation } from "../openapi/api-operation.js";
import { timestamp } from "../openapi/common-schemas.js";
import { clientCredentials, newClient, signIn } from "./register-auth.js";

export const signedInResponse = z.object({ username: z.string(), expiresAt: timestamp });
export const sessionResponse = z.object({
  subject: z.string().describe("`account:<username>` or `client:<client id>`"),
  expiresAt: timestamp,
});
export const newClientResponse = z.object({
  clientId: z.string(),
  clientSecret: z.string().describe("shown only in this answer; only its hash is stored"),
  note: z.string(),
});
export const accessTokenResponse = z.object({
  ok: z.literal(true),
  accessToken: z.string(),
  expiresIn: z.number().int().describe("seconds"),
  tokenType: z.literal("Bearer"),
});

const TAG = "Sign-in";

/** Signing in (portal session), API clients, and Port's way to an access token. */
export const authOperations: readonly ApiOperation[] = [
  {
    method: "POST",
    url: "/api/v1/session",
    operationId: "signIn",
    tag: TAG,
    summary: "Sign in with username and password",
    description: "Sets the HttpOnly session cookie the portal uses (valid 12 hours).",
    access: "public",
    body: { schema: signIn },
    responses: {
      200: { description: "Signed in; the session cookie is set.", schema: signedInResponse },
      400: { description: "The body lacks username or password.", codes: ["AUTH_INVALID_REQUEST"] },
      401: { description: "Wrong username or password.", codes: ["AUTH_BAD_CREDENTIALS"] },
    },
  },
  {
    method: "GET",
    url: "/api/v1/session",
    operationId: "getSession",
    tag: TAG,
    summary: "Who is signed in, and until when",
    access: "signed-in",
    responses: { 200: { description: "The caller.", schema: sessionResponse } },
  },
  {
    method: "DELETE",
    url: "/api/v1/session",
    operationId: "signOut",
    tag: TAG,
    summary: "Sign out: revokes the session (or bearer token) and clears the cookie",
    access: "signed-in",
    responses: { 204: { description: "Signed out." } },
  },
  {
    method: "POST",
    url: "/api/v1/clients",
    operationId: "createApiClient",
    tag: TAG,
    summary: "Create an API client (client id and secret) for programs",
    description: "Exchange the id and secret for a bearer token with POST /v1/auth/access_token.",
    access: "signed-in",
    body: { schema: newClient },
    responses: {
      201: { description: "The client; its secret is shown only now.", schema: newClientResponse },
      400: { description: "The body lacks a name (1–100 characters).", codes: ["AUTH_INVALID_REQUEST"] },
    },
  },
  {
    method: "POST",
    url: "/v1/auth/access_token",
    operationId: "getAccessToken",
    tag: TAG,
    summary: "Exchange an API client's id and secret for a bearer token (as Port's API does)",
    access: "public",
    body: { schema: clientCredentials },
    responses: {
      200: { description: "A bearer token valid for an hour.", schema: accessTokenResponse },
      400: { description: "The body lacks clientId or clientSecret.", codes: ["AUTH_INVALID_REQUEST"] },
      401: { description: "Unknown client id or wrong secret.", codes: ["AUTH_BAD_CREDENTIALS"] },
    },
  },
];
