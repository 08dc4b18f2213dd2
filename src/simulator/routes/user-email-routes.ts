import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { requireContext } from "../http/request-context.js";
import type { SimulatorContext } from "../simulator-context.js";

const EMAIL_SCOPES = ["user", "user:email"];

/**
 * `GET /user/emails`: the token user's addresses; needs the `user` or `user:email` scope (404 otherwise).
 * A user without a public email still has a private primary one.
 */
export function registerUserEmailRoutes(app: FastifyInstance, _context: SimulatorContext): void {
  app.get(
    "/user/emails",
    { config: { acceptedScopes: EMAIL_SCOPES, userOnly: true } },
    async (request, reply) => {
      const { viewer, token } = requireContext(request.github);
      if (!token.scopes.some((scope) => EMAIL_SCOPES.includes(scope))) {
        return sendNotFound(
          reply,
          "https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user",
        );
      }
      return [
        {
          email: viewer.email ?? `${viewer.login}@private.example.dev`,
          primary: true,
          verified: true,
          visibility: viewer.email ? "public" : "private",
        },
        {
          email: `${viewer.id}+${viewer.login}@users.noreply.github.com`,
          primary: false,
          verified: true,
          visibility: null,
        },
      ];
    },
  );
}
