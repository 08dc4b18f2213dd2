import { createHmac } from "node:crypto";
import { verify } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import { signWebhookBody } from "../../../src/simulator/webhooks/sign-webhook-body.js";

describe("signWebhookBody", () => {
  it("signs the exact body with HMAC-SHA256 and the legacy HMAC-SHA1", async () => {
    // The example of GitHub's "Validating webhook deliveries" guide.
    const headers = await signWebhookBody("It's a Secret to Everybody", "Hello, World!");
    expect(headers["X-Hub-Signature-256"]).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
    expect(await verify("It's a Secret to Everybody", "Hello, World!", headers["X-Hub-Signature-256"])).toBe(
      true,
    );
    const sha1 = createHmac("sha1", "It's a Secret to Everybody").update("Hello, World!").digest("hex");
    expect(headers["X-Hub-Signature"]).toBe(`sha1=${sha1}`);
  });
});
