import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { PortolanError } from "../errors/portolan-error.js";

/** AES-256-GCM: a 32-byte key, a fresh 12-byte IV per value, a 16-byte authentication tag. */
const ALGORITHM = "aes-256-gcm";
export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;

/** An encrypted value as stored: every part base64, so both database drivers store plain text. */
export interface SealedSecret {
  iv: string;
  authTag: string;
  ciphertext: string;
}

/** Encrypts and decrypts secret values with one key; the tag makes a wrong key or a changed row fail. */
export class SecretCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`the secret key must be ${SECRET_KEY_BYTES} bytes`);
  }

  seal(plaintext: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return {
      iv: iv.toString("base64"),
      authTag: cipher.getAuthTag().toString("base64"),
      ciphertext: ciphertext.toString("base64"),
    };
  }

  /** Throws SECRET_KEY_MISMATCH when the value was sealed with another key (or altered since). */
  open(sealed: SealedSecret, where: string): string {
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(sealed.iv, "base64"));
      decipher.setAuthTag(Buffer.from(sealed.authTag, "base64"));
      return Buffer.concat([
        decipher.update(Buffer.from(sealed.ciphertext, "base64")),
        decipher.final(),
      ]).toString("utf8");
    } catch (error) {
      throw new PortolanError(
        "SECRET_KEY_MISMATCH",
        `the stored secret ${where} cannot be decrypted with this secret key`,
        {
          hint: "Start with the key the secrets were stored with: the same PORTOLAN_SECRET_KEY, or the data directory's secret.key. Nothing was changed.",
          where: { source: "secrets", path: where },
          cause: error,
        },
      );
    }
  }
}
