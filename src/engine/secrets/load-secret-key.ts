import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PortolanError } from "../errors/portolan-error.js";
import { SECRET_KEY_BYTES } from "./secret-cipher.js";

/** The key file's name in the data directory. */
export const SECRET_KEY_FILE = "secret.key";

export interface LoadSecretKeyOptions {
  /** `PORTOLAN_SECRET_KEY`: 32 bytes as base64 or hex; wins over the key file. */
  environmentKey: string | undefined;
  /** Where the key file lives; undefined for an in-memory store (the key then lives as long as it). */
  dataDirectory: string | undefined;
  /** Secrets already stored: a missing key then is an error, never a fresh key that cannot read them. */
  storedSecrets: number;
}

/**
 * The key secrets are encrypted with: from the environment, else the data directory's key file,
 * created (mode 0600) at first start. A key that cannot be right is refused before anything is written.
 */
export async function loadSecretKey(options: LoadSecretKeyOptions): Promise<Buffer> {
  if (options.environmentKey !== undefined && options.environmentKey.trim() !== "") {
    return parseKey(options.environmentKey.trim(), "PORTOLAN_SECRET_KEY");
  }
  if (options.dataDirectory === undefined) {
    if (options.storedSecrets > 0) throw missingKey("PORTOLAN_SECRET_KEY");
    return randomBytes(SECRET_KEY_BYTES);
  }
  const file = join(options.dataDirectory, SECRET_KEY_FILE);
  if (existsSync(file)) return parseKey(readFileSync(file, "utf8").trim(), file);
  if (options.storedSecrets > 0) throw missingKey(file);
  await mkdir(options.dataDirectory, { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  // `wx`: never replace a key file another process created meanwhile.
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return key;
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (
    key.length !== SECRET_KEY_BYTES ||
    (!/^[0-9a-fA-F]{64}$/.test(text) && key.toString("base64") !== text)
  ) {
    throw new PortolanError(
      "SECRET_KEY_INVALID",
      `the secret key is not ${SECRET_KEY_BYTES} bytes in base64 or hex`,
      {
        hint: "Generate one with `openssl rand -base64 32` (or `openssl rand -hex 32`).",
        where: { source },
      },
    );
  }
  return key;
}

function missingKey(source: string): PortolanError {
  return new PortolanError(
    "SECRET_KEY_MISSING",
    "secrets are stored, but the key they were encrypted with is missing",
    {
      hint: "Restore the data directory's secret.key or set PORTOLAN_SECRET_KEY to the key used before; Portolan will not create a new key that cannot read them.",
      where: { source },
    },
  );
}
