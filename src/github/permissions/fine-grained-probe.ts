/**
 * Fine-grained tokens cannot be asked what they may do, so each needed permission is probed with one
 * cheap request (`per_page=1`) and a 403 that names a permission (`X-Accepted-GitHub-Permissions`,
 * or "Resource not accessible by personal access token") means the token lacks it.
 */
import { isRequestErrorLike } from "../client/translate-request-error.js";

/** Metadata: Read is part of every fine-grained token, so it is never probed. */
export const ALWAYS_GRANTED = "metadata";

/** Permission key → one cheap listing that needs exactly it (owner and repo filled in). */
export const permissionProbes: Readonly<Record<string, { route: string; needsRepository: boolean }>> = {
  contents: { route: "GET /repos/{owner}/{repo}/commits", needsRepository: true },
  pull_requests: { route: "GET /repos/{owner}/{repo}/pulls", needsRepository: true },
  issues: { route: "GET /repos/{owner}/{repo}/issues", needsRepository: true },
  actions: { route: "GET /repos/{owner}/{repo}/actions/workflows", needsRepository: true },
  deployments: { route: "GET /repos/{owner}/{repo}/deployments", needsRepository: true },
  vulnerability_alerts: { route: "GET /repos/{owner}/{repo}/dependabot/alerts", needsRepository: true },
  security_events: { route: "GET /repos/{owner}/{repo}/code-scanning/alerts", needsRepository: true },
  secret_scanning_alerts: {
    route: "GET /repos/{owner}/{repo}/secret-scanning/alerts",
    needsRepository: true,
  },
  members: { route: "GET /orgs/{owner}/members", needsRepository: false },
};

/** What a probe got back: a status, its headers and GitHub's message. */
export interface ProbeResponse {
  status: number;
  headers: Readonly<Record<string, string | number | undefined>>;
  message: string;
}

/**
 * Whether a probe's answer says the permission is missing. Other refusals (a feature disabled, a rate
 * limit, 404 for an empty repository) are not about the token's permissions and leave the kind to its sync.
 */
export function probeShowsMissingPermission(response: ProbeResponse): boolean {
  if (response.status !== 403) return false;
  const accepted = response.headers["x-accepted-github-permissions"];
  if (accepted !== undefined && String(accepted) !== "") return true;
  return /not accessible by (personal access token|integration)/i.test(response.message);
}

/** The probe answer inside a failed request (the client wraps GitHub's error in a `PortolanError`). */
export function probeResponseOf(error: unknown): ProbeResponse | undefined {
  const cause = isRequestErrorLike(error) ? error : (error as { cause?: unknown } | null)?.cause;
  if (!isRequestErrorLike(cause)) return undefined;
  const data = cause.response?.data as { message?: unknown } | undefined;
  return {
    status: cause.status,
    headers: cause.response?.headers ?? {},
    message: typeof data?.message === "string" ? data.message : cause.message,
  };
}
