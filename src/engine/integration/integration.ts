/**
 * The seam between the engine (Ocean's part) and a source integration (GitHub).
 * The engine knows nothing about GitHub; an integration knows nothing about catalogs.
 */
import type { z } from "zod";
import type { Blueprint } from "../catalog/blueprint.js";
import type {
  DeliveryLedger,
  MissedDeliveriesMoment,
  MissedDeliveriesReport,
} from "../events/delivery-ledger.js";

/** One raw object as the source returns it, with its `__` enrichment fields. */
export type RawObject = Record<string, unknown>;

/** The port app config's top-level keys an integration may read (e.g. `organizations`, `repositoryType`). */
export type MappingOptions = Readonly<Record<string, unknown>>;

export interface KindListRequest<Selector> {
  /** The resource's selector, parsed with the kind's `selectorSchema`. */
  selector: Selector;
  mappingOptions: MappingOptions;
  signal?: AbortSignal;
  /**
   * Incremental run (only for kinds with `incremental`): list only what changed at or after this
   * moment, as the kind's strategy can tell; a full resync leaves it unset.
   */
  since?: Date;
}

export interface IntegrationKind<Selector = unknown> {
  readonly name: string;
  /** Parses the kind's own selector keys (besides Ocean's `query`), applying their defaults. */
  readonly selectorSchema: z.ZodType<Selector>;
  /** Pages of raw objects; memory stays flat because pages stream through. */
  list(request: KindListRequest<Selector>): AsyncIterable<RawObject[]>;
  /** The kind honours `since`, so incremental runs list it (the others wait for full resyncs). */
  readonly incremental?: boolean;
}

/** A webhook delivery as stored in the inbox. */
export interface LiveEvent {
  deliveryId: string;
  /** The `X-GitHub-Event` style event name. */
  name: string;
  payload: Record<string, unknown>;
}

/** What one live event means for one resource of the mapping. */
export interface KindChanges {
  kind: string;
  upserted: RawObject[];
  deleted: RawObject[];
}

export interface EventResource<Selector = unknown> {
  kind: string;
  selector: Selector;
  mappingOptions: MappingOptions;
}

export interface Integration {
  /** Integration type, e.g. `github`. */
  readonly type: string;
  readonly kinds: readonly IntegrationKind[];
  /** Kinds whose entities an event may change; the engine asks `handleEvent` once per matching resource. */
  kindsTouchedBy(event: LiveEvent): readonly string[];
  handleEvent(event: LiveEvent, resource: EventResource): Promise<KindChanges | null>;
  /** Events with the same key are applied in order; different keys may run in parallel. */
  groupKey(event: LiveEvent): string;
  defaultBlueprints(): readonly Blueprint[];
  /** The default mapping as YAML text, as the integration ships it. */
  defaultMapping(): string;
  /** Its secret setting values (token, webhook secret, private key), hidden wherever raw data is kept. */
  secretValues?(): readonly string[];
  /**
   * Redelivers what the source sent to the webhooks registered by this integration and the inbox never
   * got (a receiver that was down or unreachable); sources without a deliveries API leave it out.
   * `moment` tells whether attempts may still be under way (`interval`); `startedAt` (ms since the
   * epoch) is when the data source started: a webhook never checked before is checked since then.
   */
  recoverMissedDeliveries?(
    ledger: DeliveryLedger,
    check: { moment: MissedDeliveriesMoment; startedAt: number; signal: AbortSignal },
  ): Promise<MissedDeliveriesReport>;
}

/**
 * A kind with its selector type erased, for an integration's `kinds` list. Sound because the
 * engine only ever calls `list` with what the kind's own `selectorSchema` produced.
 */
export function asIntegrationKind<Selector>(kind: IntegrationKind<Selector>): IntegrationKind {
  return kind as unknown as IntegrationKind;
}
