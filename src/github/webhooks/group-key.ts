/**
 * Live-event ordering groups (the seed's "Event grouping behavior", spec §5.5). Events with the same key
 * are applied in order; different keys may run in parallel.
 *
 * Unlike Ocean, every key is scoped to its repository (or organization): PR #5 of one repository and
 * PR #5 of another are unrelated, and Ocean's unscoped numbers made them wait for each other. A pull
 * request and an issue share GitHub's per-repository number space, so `owner/repo#5` groups PR events,
 * reviews and comments of #5 together.
 */
import type { LiveEvent } from "../../engine/integration/integration.js";

type Payload = Record<string, unknown>;

/** Objects that give an event its context rather than its subject; the fallback does not key on them. */
const contextKeys = new Set([
  "repository",
  "organization",
  "sender",
  "installation",
  "enterprise",
  "changes",
]);
const fallbackFields = ["number", "id", "sha"] as const;

export function githubGroupKey(event: LiveEvent): string {
  const payload = event.payload;
  const repository = text(field(payload, "repository", "full_name"));
  const organization = text(field(payload, "organization", "login"));
  const scope = repository ?? (organization !== undefined ? `org:${organization}` : undefined);
  const scoped = (key: string) => (scope === undefined ? key : `${scope}${key}`);

  switch (event.name) {
    case "pull_request":
    case "pull_request_review":
    case "pull_request_review_comment": {
      const number = text(field(payload, "pull_request", "number"));
      if (number !== undefined) return scoped(`#${number}`);
      break;
    }
    case "issues":
    case "issue_comment": {
      const number = text(field(payload, "issue", "number"));
      if (number !== undefined) return scoped(`#${number}`);
      break;
    }
    case "push": {
      const after = text(payload.after);
      // A branch deletion's `after` is 40 zeros, shared by every deleted branch: key those by ref instead.
      if (after !== undefined && !/^0+$/.test(after)) return scoped(`@${after}`);
      const ref = text(payload.ref);
      if (ref !== undefined) return scoped(`@${ref}`);
      break;
    }
    case "status": {
      const sha = text(payload.sha);
      if (sha !== undefined) return scoped(`@${sha}`);
      break;
    }
    case "release": {
      const id = text(field(payload, "release", "id"));
      if (id !== undefined) return scoped(`:release:${id}`);
      break;
    }
    case "workflow_run": {
      const id = text(field(payload, "workflow_run", "id"));
      if (id !== undefined) return scoped(`:workflow_run:${id}`);
      break;
    }
    case "repository": {
      // The id survives renames and transfers; the full name does not.
      const id = text(field(payload, "repository", "id"));
      if (id !== undefined) return `repository:${id}`;
      break;
    }
  }
  return scoped(`:${event.name}:${fallbackKey(payload) ?? "*"}`);
}

/** The first `number`, `id` or `sha` of the payload itself, else of its first subject object. */
function fallbackKey(payload: Payload): string | undefined {
  for (const name of fallbackFields) {
    const value = text(payload[name]);
    if (value !== undefined) return `${name}=${value}`;
  }
  for (const [key, value] of Object.entries(payload)) {
    if (contextKeys.has(key) || value === null || typeof value !== "object" || Array.isArray(value)) continue;
    for (const name of fallbackFields) {
      const found = text((value as Payload)[name]);
      if (found !== undefined) return `${key}.${name}=${found}`;
    }
  }
  return undefined;
}

function field(payload: Payload, object: string, name: string): unknown {
  const value = payload[object];
  return value !== null && typeof value === "object" ? (value as Payload)[name] : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}
