import { verify } from "node:crypto";
import type { GitHubAppRecord } from "../state/github-app.js";

/** GitHub's longest JWT lifetime: `exp` at most ten minutes ahead. */
const MAX_LIFETIME_SECONDS = 600;
/** How far ahead of GitHub's clock an `iat` may be before it is refused (clients back-date by 60 s). */
const ALLOWED_DRIFT_SECONDS = 60;

export const JWT_NOT_DECODED = "A JSON web token could not be decoded";
export const JWT_EXPIRED =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
export const JWT_TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";
export const JWT_ISSUED_IN_FUTURE =
  "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";

export type JwtVerdict = { app: GitHubAppRecord } | { error: string };

/** Whether a bearer credential is shaped like a JWT (three base64url parts) rather than a token. */
export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a GitHub App's JWT as GitHub does: RS256 signed with the key of the App its `iss` names (the App
 * id, or its client id), `iat` not in the future beyond a minute of drift, `exp` in the future and at most
 * ten minutes ahead. Answers the App, or GitHub's 401 message.
 */
export function verifyAppJwt(
  jwt: string,
  findApp: (issuer: string) => GitHubAppRecord | undefined,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): JwtVerdict {
  const [headerPart = "", payloadPart = "", signaturePart = ""] = jwt.split(".");
  const header = decodePart(headerPart);
  const claims = decodePart(payloadPart);
  if (header?.alg !== "RS256" || !claims) return { error: JWT_NOT_DECODED };
  const app = findApp(String(claims.iss ?? ""));
  if (!app) return { error: JWT_NOT_DECODED };
  const signed = verify(
    "sha256",
    Buffer.from(`${headerPart}.${payloadPart}`),
    app.publicKeyPem,
    Buffer.from(signaturePart, "base64url"),
  );
  if (!signed) return { error: JWT_NOT_DECODED };
  const { iat, exp } = claims;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > nowSeconds + ALLOWED_DRIFT_SECONDS) {
    return { error: JWT_ISSUED_IN_FUTURE };
  }
  if (typeof exp !== "number" || exp <= nowSeconds) return { error: JWT_EXPIRED };
  if (exp > nowSeconds + MAX_LIFETIME_SECONDS) return { error: JWT_TOO_LONG };
  return { app };
}
