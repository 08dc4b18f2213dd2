import { createHmac } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";

/**
 * The two signature headers GitHub sends for a hook with a secret: `X-Hub-Signature-256`
 * (`sha256=<hex HMAC-SHA256>`, via @octokit/webhooks-methods) and the legacy `X-Hub-Signature`
 * (`sha1=<hex HMAC-SHA1>`), both over the exact bytes of the body.
 */
export async function signWebhookBody(
  secret: string,
  body: string,
): Promise<{ "X-Hub-Signature-256": string; "X-Hub-Signature": string }> {
  return {
    "X-Hub-Signature": `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`,
    "X-Hub-Signature-256": await sign(secret, body),
  };
}
