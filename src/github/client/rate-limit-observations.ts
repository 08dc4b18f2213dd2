import { createHash } from "node:crypto";
import type { GitHubCredential } from "./github-client.js";
import type { TokenKind } from "./token-kind.js";

/** A quota as GitHub last reported it for one credential and bucket (`core`, `search`, `graphql`, …). */
export interface RateLimitObservation {
  credential: string;
  resource: string;
  limit: number;
  remaining: number;
  /** Epoch milliseconds. */
  resetAt: number;
}

/**
 * The last rate-limit headers seen per credential and bucket, for `/metrics`. Process-wide by default
 * (like Prometheus' own default registry), so that every data source's clients report to one place.
 */
export class RateLimitObservations {
  private readonly latest = new Map<string, RateLimitObservation>();

  record(observation: RateLimitObservation): void {
    this.latest.set(`${observation.credential}\n${observation.resource}`, observation);
  }

  list(): RateLimitObservation[] {
    return [...this.latest.values()];
  }
}

export const processRateLimits = new RateLimitObservations();

/**
 * A label that tells credentials apart without revealing them: the token's kind and a short hash of
 * it, or the App (and installation) id, which are not secret.
 */
export function credentialLabel(credential: GitHubCredential, tokenKind: TokenKind): string {
  if (credential.type === "app") {
    return credential.installationId === undefined
      ? `app:${credential.appId}`
      : `app:${credential.appId}:installation:${credential.installationId}`;
  }
  return `${tokenKind}:${createHash("sha256").update(credential.token).digest("hex").slice(0, 12)}`;
}
