import type { Database, Queryable } from "../store/database.js";
import { loadSecretKey } from "./load-secret-key.js";
import { SecretCipher } from "./secret-cipher.js";

/** A stored secret as anyone may see it: where it is used, never its value. */
export interface SecretEntry {
  /** The data source (or other owner) that uses it. */
  owner: string;
  /** The setting it is the value of, e.g. `githubToken`. */
  setting: string;
  updatedAt: string;
}

interface SecretRow extends Record<string, unknown> {
  owner: string;
  setting: string;
  iv: string;
  auth_tag: string;
  ciphertext: string;
  updated_at: Date | string;
}

export interface OpenSecretStoreOptions {
  database: Database;
  environmentKey: string | undefined;
  dataDirectory: string | undefined;
}

/**
 * Secret settings, encrypted at rest (AES-256-GCM). Values go in and come out only for the code that
 * starts integrations; listings carry where a secret is used, not what it is.
 */
export class SecretStore {
  private constructor(
    private readonly database: Database,
    private readonly cipher: SecretCipher,
  ) {}

  /** Loads the key and proves it opens every stored secret, so a wrong key stops the start, not a resync. */
  static async open(options: OpenSecretStoreOptions): Promise<SecretStore> {
    const { rows } = await options.database.query<SecretRow>("SELECT * FROM secrets");
    const key = await loadSecretKey({
      environmentKey: options.environmentKey,
      dataDirectory: options.dataDirectory,
      storedSecrets: rows.length,
    });
    const store = new SecretStore(options.database, new SecretCipher(key));
    for (const row of rows) store.decrypt(row);
    return store;
  }

  async put(owner: string, setting: string, value: string, tx: Queryable = this.database): Promise<void> {
    const sealed = this.cipher.seal(value);
    await tx.query(
      `INSERT INTO secrets (owner, setting, iv, auth_tag, ciphertext) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (owner, setting) DO UPDATE SET iv = excluded.iv, auth_tag = excluded.auth_tag,
         ciphertext = excluded.ciphertext, updated_at = clock_timestamp()`,
      [owner, setting, sealed.iv, sealed.authTag, sealed.ciphertext],
    );
  }

  async remove(owner: string, setting: string, tx: Queryable = this.database): Promise<void> {
    await tx.query("DELETE FROM secrets WHERE owner = $1 AND setting = $2", [owner, setting]);
  }

  async removeAll(owner: string, tx: Queryable = this.database): Promise<void> {
    await tx.query("DELETE FROM secrets WHERE owner = $1", [owner]);
  }

  /** The decrypted values of one owner, by setting: only for starting its integration. */
  async values(owner: string): Promise<Record<string, string>> {
    const { rows } = await this.database.query<SecretRow>("SELECT * FROM secrets WHERE owner = $1", [owner]);
    return Object.fromEntries(rows.map((row) => [row.setting, this.decrypt(row)]));
  }

  async list(): Promise<SecretEntry[]> {
    const { rows } = await this.database.query<SecretRow>(
      "SELECT owner, setting, updated_at FROM secrets ORDER BY owner, setting",
    );
    return rows.map((row) => ({
      owner: row.owner,
      setting: row.setting,
      updatedAt: new Date(row.updated_at).toISOString(),
    }));
  }

  private decrypt(row: SecretRow): string {
    return this.cipher.open(
      { iv: row.iv, authTag: row.auth_tag, ciphertext: row.ciphertext },
      `${row.owner}.${row.setting}`,
    );
  }
}
