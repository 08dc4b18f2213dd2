import type { FastifyReply } from "fastify";

/** The documentation link GitHub sends with errors that have no more specific page. */
export const REST_DOCS = "https://docs.github.com/rest";

/** One entry of a 422's `errors`, as GitHub writes them. */
export interface ValidationErrorItem {
  resource: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  field?: string;
  message?: string;
}

/** GitHub's error body: `message`, (`errors`), `documentation_url`, and `status` as a string. */
export function githubErrorBody(
  status: number,
  message: string,
  documentationUrl: string = REST_DOCS,
  errors?: ValidationErrorItem[],
) {
  return {
    message,
    ...(errors ? { errors } : {}),
    documentation_url: documentationUrl,
    status: String(status),
  };
}

export function sendGitHubError(
  reply: FastifyReply,
  status: number,
  message: string,
  documentationUrl?: string,
  errors?: ValidationErrorItem[],
): FastifyReply {
  return reply.code(status).send(githubErrorBody(status, message, documentationUrl, errors));
}

export function sendNotFound(reply: FastifyReply, documentationUrl?: string): FastifyReply {
  return sendGitHubError(reply, 404, "Not Found", documentationUrl);
}

export function sendValidationFailed(
  reply: FastifyReply,
  documentationUrl: string,
  errors: ValidationErrorItem[],
): FastifyReply {
  return sendGitHubError(reply, 422, "Validation Failed", documentationUrl, errors);
}
