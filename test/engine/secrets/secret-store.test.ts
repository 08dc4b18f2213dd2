import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PortolanError } from "../../../src/engine/errors/portolan-error.js";
import { loadSecretKey, SECRET_KEY_FILE } from "../../../src/engine/secrets/load-secret-key.js";
import { SecretStore } from "../../../src/engine/secrets/secret-store.js";
import { databaseFactories, useTestDatabase } from "../../support/databases.js";

const TOKEN = "ghp_plaintextTokenThatMustNeverBeStored0001";

async function rejection(promise: Promise<unknown>): Promise<PortolanError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PortolanError);
  return error as PortolanError;
}

describe.each(databaseFactories)("secret store on $name", (factory) => {
  const database = useTestDatabase(factory);
  let dataDirectory: string;
  beforeEach(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), "portolan-secrets-"));
  });
  afterEach(async () => {
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it("stores AES-256-GCM ciphertext with a fresh IV per value, never the plaintext", async () => {
    const secrets = await SecretStore.open({
      database: database(),
      environmentKey: undefined,
      dataDirectory,
    });
    await secrets.put("acme", "githubToken", TOKEN);
    await secrets.put("other", "githubToken", TOKEN);
    const { rows } = await database().query<Record<string, string>>("SELECT * FROM secrets ORDER BY owner");
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain(Buffer.from(TOKEN).toString("base64"));
    expect(Buffer.from(rows[0]?.iv ?? "", "base64")).toHaveLength(12);
    expect(Buffer.from(rows[0]?.auth_tag ?? "", "base64")).toHaveLength(16);
    expect(rows[0]?.iv).not.toBe(rows[1]?.iv);
    expect(rows[0]?.ciphertext).not.toBe(rows[1]?.ciphertext);
    expect(await secrets.values("acme")).toEqual({ githubToken: TOKEN });
    expect(await secrets.list()).toEqual([
      expect.objectContaining({ owner: "acme", setting: "githubToken" }),
      expect.objectContaining({ owner: "other", setting: "githubToken" }),
    ]);
    expect(JSON.stringify(await secrets.list())).not.toContain(TOKEN);
  });

  it("creates the key file once with mode 0600 and reads the same secrets with it after a restart", async () => {
    const first = await SecretStore.open({
      database: database(),
      environmentKey: undefined,
      dataDirectory,
    });
    await first.put("acme", "webhookSecret", "s3cret-value");
    const keyFile = join(dataDirectory, SECRET_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, "utf8");
    const second = await SecretStore.open({
      database: database(),
      environmentKey: undefined,
      dataDirectory,
    });
    expect(await second.values("acme")).toEqual({ webhookSecret: "s3cret-value" });
    expect(readFileSync(keyFile, "utf8")).toBe(key);
  });

  it("refuses to start with a wrong key, changing nothing", async () => {
    const key = randomBytes(32);
    const secrets = await SecretStore.open({
      database: database(),
      environmentKey: key.toString("hex"),
      dataDirectory: undefined,
    });
    await secrets.put("acme", "githubToken", TOKEN);
    const before = await database().query("SELECT * FROM secrets");
    const error = await rejection(
      SecretStore.open({
        database: database(),
        environmentKey: randomBytes(32).toString("base64"),
        dataDirectory: undefined,
      }),
    );
    expect(error.code).toBe("SECRET_KEY_MISMATCH");
    expect(error.where?.path).toBe("acme.githubToken");
    expect((await database().query("SELECT * FROM secrets")).rows).toEqual(before.rows);
    const again = await SecretStore.open({
      database: database(),
      environmentKey: key.toString("base64"),
      dataDirectory: undefined,
    });
    expect(await again.values("acme")).toEqual({ githubToken: TOKEN });
  });

  it("will not create a new key file when secrets are stored but their key file is gone", async () => {
    const secrets = await SecretStore.open({
      database: database(),
      environmentKey: undefined,
      dataDirectory,
    });
    await secrets.put("acme", "githubToken", TOKEN);
    rmSync(join(dataDirectory, SECRET_KEY_FILE));
    const error = await rejection(
      SecretStore.open({ database: database(), environmentKey: undefined, dataDirectory }),
    );
    expect(error.code).toBe("SECRET_KEY_MISSING");
    expect(existsSync(join(dataDirectory, SECRET_KEY_FILE))).toBe(false);
  });
});

describe("loadSecretKey", () => {
  it("takes PORTOLAN_SECRET_KEY as hex or base64 and refuses anything else", async () => {
    const key = randomBytes(32);
    const options = { dataDirectory: undefined, storedSecrets: 0 };
    expect(await loadSecretKey({ ...options, environmentKey: key.toString("hex") })).toEqual(key);
    expect(await loadSecretKey({ ...options, environmentKey: key.toString("base64") })).toEqual(key);
    for (const bad of ["short", randomBytes(16).toString("base64"), `${key.toString("hex")}00`]) {
      const error = await rejection(loadSecretKey({ ...options, environmentKey: bad }));
      expect(error.code).toBe("SECRET_KEY_INVALID");
    }
  });
});
