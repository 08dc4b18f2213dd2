import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../../engine/store/database.js";
import { hashSecret, verifySecret } from "./password-hash.js";

export interface Principal {
  /** `account:admin` or `client:<client id>`. */
  subject: string;
  kind: "session" | "api";
  expiresAt: Date;
}

/** Access tokens are random; only their SHA-256 is stored, so a leaked database holds no usable token. */
function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Accounts, API clients (client id + secret, Port's way) and the access tokens they are given. */
export class AuthStore {
  constructor(private readonly database: Database) {}

  /**
   * Creates the admin account at first start. Its password is `password` when given (from the
   * environment), otherwise generated and returned — the only time it is ever shown.
   */
  async ensureAdmin(password: string | undefined): Promise<{ created: boolean; password?: string }> {
    const { rows } = await this.database.query<{ username: string }>(
      "SELECT username FROM accounts WHERE username = 'admin'",
    );
    if (rows.length > 0) {
      if (password) await this.setPassword("admin", password);
      return { created: false };
    }
    const chosen = password ?? randomBytes(12).toString("base64url");
    await this.database.query(
      "INSERT INTO accounts (username, password_hash) VALUES ('admin', $1) ON CONFLICT DO NOTHING",
      [await hashSecret(chosen)],
    );
    return password ? { created: true } : { created: true, password: chosen };
  }

  async setPassword(username: string, password: string): Promise<void> {
    await this.database.query("UPDATE accounts SET password_hash = $2 WHERE username = $1", [
      username,
      await hashSecret(password),
    ]);
  }

  async verifyAccount(username: string, password: string): Promise<boolean> {
    const { rows } = await this.database.query<{ password_hash: string }>(
      "SELECT password_hash FROM accounts WHERE username = $1",
      [username],
    );
    const stored = rows[0]?.password_hash;
    return stored ? verifySecret(password, stored) : false;
  }

  /** A new API client; its secret is returned once and stored only as a hash. */
  async createClient(name: string): Promise<{ clientId: string; clientSecret: string }> {
    const clientId = randomBytes(12).toString("base64url");
    const clientSecret = randomBytes(32).toString("base64url");
    await this.database.query("INSERT INTO api_clients (client_id, secret_hash, name) VALUES ($1, $2, $3)", [
      clientId,
      await hashSecret(clientSecret),
      name,
    ]);
    return { clientId, clientSecret };
  }

  async verifyClient(clientId: string, clientSecret: string): Promise<boolean> {
    const { rows } = await this.database.query<{ secret_hash: string }>(
      "SELECT secret_hash FROM api_clients WHERE client_id = $1",
      [clientId],
    );
    const stored = rows[0]?.secret_hash;
    return stored ? verifySecret(clientSecret, stored) : false;
  }

  async issueToken(
    subject: string,
    kind: Principal["kind"],
    lifetimeSeconds: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString("base64url");
    const { rows } = await this.database.query<{ expires_at: Date }>(
      `INSERT INTO access_tokens (token_hash, subject, kind, expires_at)
       VALUES ($1, $2, $3, clock_timestamp() + make_interval(secs => $4)) RETURNING expires_at`,
      [tokenHash(token), subject, kind, lifetimeSeconds],
    );
    return { token, expiresAt: rows[0]?.expires_at ?? new Date() };
  }

  async principalOf(token: string): Promise<Principal | undefined> {
    const { rows } = await this.database.query<{
      subject: string;
      kind: Principal["kind"];
      expires_at: Date;
    }>(
      "SELECT subject, kind, expires_at FROM access_tokens WHERE token_hash = $1 AND expires_at > clock_timestamp()",
      [tokenHash(token)],
    );
    const row = rows[0];
    return row ? { subject: row.subject, kind: row.kind, expiresAt: row.expires_at } : undefined;
  }

  async revokeToken(token: string): Promise<void> {
    await this.database.query("DELETE FROM access_tokens WHERE token_hash = $1", [tokenHash(token)]);
  }
}
