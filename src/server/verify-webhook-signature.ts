import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Checks `X-Hub-Signature-256` (`sha256=<hex HMAC>`) over the exact bytes received. The bytes are
 * not decoded first: a body that is not valid UTF-8 would otherwise be re-encoded and never match.
 */
export function verifyWebhookSignature(secret: string, body: Buffer, signature: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], "hex"));
}
