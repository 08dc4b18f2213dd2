import type { RawObject } from "../integration/integration.js";
import { createSecretMasker, type SecretMasker } from "../secrets/mask-secrets.js";
import type { Queryable } from "../store/database.js";

/** How many raw objects are kept per kind: Ocean sends 5 per kind and resync. */
export const RAW_EXAMPLES_PER_KIND = 5;

/**
 * A bounded sample of raw objects per kind, newest first, taken during resyncs before mapping (so
 * a broken mapping still leaves examples): what the portal's mapping test runs over. Examples are
 * masked before they are stored, as Ocean masks them before sending: GitHub objects can carry
 * tokens (a hook's `config.secret`, a repository's `temp_clone_token`, URLs with `?token=`).
 */
export class RawExamples {
  private readonly masker: SecretMasker;

  /** `knownSecrets`: the data source's own secret values (token, webhook secret, …), hidden wherever they occur. */
  constructor(
    private readonly database: Queryable,
    private readonly dataSource: string,
    knownSecrets: readonly (string | undefined)[] = [],
  ) {
    this.masker = createSecretMasker(knownSecrets);
  }

  /** Keeps up to the bound from `items`, dropping the oldest examples of the kind beyond it. */
  async record(kind: string, items: readonly RawObject[]): Promise<void> {
    const sample = items.slice(0, RAW_EXAMPLES_PER_KIND).map(this.masker.mask);
    if (sample.length === 0) return;
    await this.database.query(
      `INSERT INTO raw_examples (data_source, kind, example)
       SELECT $1, $2, value FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(value, position)
       ORDER BY position`,
      [this.dataSource, kind, JSON.stringify(sample)],
    );
    await this.database.query(
      `DELETE FROM raw_examples WHERE data_source = $1 AND kind = $2 AND sequence NOT IN (
         SELECT sequence FROM raw_examples WHERE data_source = $1 AND kind = $2
         ORDER BY sequence DESC LIMIT $3)`,
      [this.dataSource, kind, RAW_EXAMPLES_PER_KIND],
    );
  }

  /**
   * The kind's examples, newest first, masked again on the way out: a secret set after an example was
   * kept (a replaced token) is hidden too.
   */
  async list(kind: string): Promise<RawObject[]> {
    const { rows } = await this.database.query<{ example: RawObject }>(
      "SELECT example FROM raw_examples WHERE data_source = $1 AND kind = $2 ORDER BY sequence DESC",
      [this.dataSource, kind],
    );
    return rows.map((row) => this.masker.mask(row.example) as RawObject);
  }

  /** With `sendRawDataExamples` off nothing is kept, including what earlier resyncs took. */
  async clear(): Promise<void> {
    await this.database.query("DELETE FROM raw_examples WHERE data_source = $1", [this.dataSource]);
  }
}
