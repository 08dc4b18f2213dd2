import { describe, expect, it } from "vitest";
import { createSecretMasker, isSecretKey, REDACTED } from "../../../src/engine/secrets/mask-secrets.js";

describe("secret masking", () => {
  it("tells secret-looking keys from ordinary ones", () => {
    for (const key of [
      "secret",
      "client_secret",
      "accessToken",
      "temp_clone_token",
      "Authorization",
      "private_key",
      "apiKey",
      "password",
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of [
      "secret_type",
      "tokens_url",
      "key",
      "node_id",
      "secret_scanning",
      "keys_url",
      "name",
    ]) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });

  it("hides values under secret keys, URL credentials, token formats and known secrets, keeping the rest", () => {
    const { mask } = createSecretMasker(["my-webhook-secret-value"]);
    const hook = {
      id: 7,
      name: "web",
      config: { url: "http://127.0.0.1:9/hook?token=abc123&x=1", secret: "s3cr3t", content_type: "json" },
      headers: { Authorization: "Bearer whatever" },
      note: "deployed with ghp_0123456789abcdefghijABCDEFGHIJ012345 and my-webhook-secret-value inside",
      key: "ssh-ed25519 AAAAC3Nza public",
      secret_type: "github_personal_access_token",
      pem: "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
      flags: [true, 3, null],
    };
    expect(mask(hook)).toEqual({
      id: 7,
      name: "web",
      config: {
        url: `http://127.0.0.1:9/hook?token=${REDACTED}&x=1`,
        secret: REDACTED,
        content_type: "json",
      },
      headers: { Authorization: REDACTED },
      note: `deployed with ${REDACTED} and ${REDACTED} inside`,
      key: "ssh-ed25519 AAAAC3Nza public",
      secret_type: "github_personal_access_token",
      pem: REDACTED,
      flags: [true, 3, null],
    });
    // The input is left as it was: examples are masked copies.
    expect(hook.config.secret).toBe("s3cr3t");
  });

  it("does not search for known secrets too short to be told from ordinary text", () => {
    expect(createSecretMasker(["abc"]).maskString("abcdef")).toBe("abcdef");
  });
});
