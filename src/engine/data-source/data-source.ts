import type { Catalog } from "../catalog/catalog.js";
import { applyLiveEvent, type LiveEventOutcome } from "../events/apply-live-event.js";
import {
  deliveryLedgerOf,
  type MissedDeliveriesMoment,
  type MissedDeliveriesReport,
} from "../events/delivery-ledger.js";
import { EventWorkerPool } from "../events/event-worker-pool.js";
import { scheduleInboxRetention } from "../events/inbox-retention.js";
import { MissedDeliveryChecks } from "../events/missed-delivery-checks.js";
import { type AppendOutcome, WebhookInbox } from "../events/webhook-inbox.js";
import type { Integration, LiveEvent } from "../integration/integration.js";
import type { Logger } from "../logging/create-logger.js";
import { type BoundMapping, bindMapping } from "../mapping/bind-mapping.js";
import { checkMappingText, type MappingProblem } from "../mapping/check-mapping-text.js";
import { type MappingVersion, MappingVersions } from "../mapping/mapping-versions.js";
import { parsePortAppConfig } from "../mapping/parse-port-app-config.js";
import type { Database } from "../store/database.js";
import { RawExamples } from "../sync/raw-examples.js";
import { ResyncCoordinator, type ResyncRequestOutcome } from "../sync/resync-coordinator.js";
import { ResyncHistory } from "../sync/resync-history.js";
import { SyncCursors } from "../sync/sync-cursors.js";

export interface DataSourceOptions {
  /** Stable id of this installation; entities it writes are owned by it. */
  id: string;
  integration: Integration;
  /** The mapping (port app config) as YAML or JSON text. */
  mappingText: string;
  /** Where the mapping came from, for error messages (a file name). */
  mappingSource: string;
  database: Database;
  catalog: Catalog;
  /** Ocean's `event_workers_count`. */
  eventWorkersCount: number;
  /** Ocean's `max_event_processing_seconds` (default 90): a live event running longer is abandoned. */
  maxEventProcessingSeconds?: number;
  /** `sendRawDataExamples`: keep a sample of raw objects per kind during resyncs (Ocean's default: on). */
  sendRawDataExamples?: boolean;
  logger: Logger;
}

/** A mapping save: the version kept, or, when refused, why (nothing changed then). */
export type SaveMappingOutcome =
  | { saved: MappingVersion; problems: MappingProblem[] }
  | { problems: MappingProblem[] };

/** The intake counts as busy while a delivery arrived this recently. */
const INTAKE_BUSY_WINDOW_MS = 50;

/**
 * One installed integration: its mapping, resyncs, and durable live events, writing to one catalog.
 * The engine's whole data flow meets here; it knows the integration only through the seam.
 */
export class DataSource {
  readonly history: ResyncHistory;
  readonly inbox: WebhookInbox;
  readonly resyncs: ResyncCoordinator;
  readonly rawExamples: RawExamples;
  readonly mappingVersions: MappingVersions;
  private readonly workers: EventWorkerPool;
  /** Undefined when the integration has no deliveries API to recover from. */
  private readonly missedDeliveries: MissedDeliveryChecks | undefined;
  private stopRetention: (() => void) | undefined;
  private mapping: BoundMapping;
  private mappingText: string;

  private constructor(
    private readonly options: DataSourceOptions,
    mapping: BoundMapping,
    mappingText: string,
  ) {
    this.mapping = mapping;
    this.mappingText = mappingText;
    this.mappingVersions = new MappingVersions(options.database);
    this.history = new ResyncHistory(options.database);
    this.inbox = new WebhookInbox(options.database, options.id);
    this.rawExamples = new RawExamples(
      options.database,
      options.id,
      options.integration.secretValues?.() ?? [],
    );
    this.resyncs = new ResyncCoordinator({
      mapping: () => this.mapping,
      catalog: options.catalog,
      history: this.history,
      dataSource: options.id,
      logger: options.logger,
      tryLock: (name) => options.database.tryLock(name),
      rawExamples: this.rawExamples,
      cursors: new SyncCursors(options.database, options.id),
      keepRawExamples: options.sendRawDataExamples ?? true,
    });
    this.workers = new EventWorkerPool({
      inbox: this.inbox,
      workers: options.eventWorkersCount,
      logger: options.logger,
      ...(options.maxEventProcessingSeconds === undefined
        ? {}
        : { maxProcessingSeconds: options.maxEventProcessingSeconds }),
      // One thread runs the embedded store, the intake and the workers.
      ...(options.database.kind === "pglite"
        ? { intakeIsBusy: () => this.inbox.receivedWithin(INTAKE_BUSY_WINDOW_MS) }
        : {}),
      process: async (entry, signal) => {
        await this.applyEvent(entry, signal);
      },
    });
    const recover = options.integration.recoverMissedDeliveries?.bind(options.integration);
    this.missedDeliveries = recover
      ? new MissedDeliveryChecks({
          dataSource: options.id,
          ledger: deliveryLedgerOf(options.database, options.id, this.inbox),
          recover,
          tryLock: (name) => options.database.tryLock(name),
          requestResync: (trigger) => this.requestResyncInBackground(trigger),
          logger: options.logger,
        })
      : undefined;
  }

  /**
   * Validates the mapping against the integration and creates the default blueprints if missing.
   * A mapping saved through the API since (the newest stored version) wins over `mappingText`.
   */
  static async open(options: DataSourceOptions): Promise<DataSource> {
    const saved = await new MappingVersions(options.database).latest(options.id);
    const text = saved?.text ?? options.mappingText;
    const source = saved ? `${options.id} mapping version ${saved.version}` : options.mappingSource;
    if (saved) {
      options.logger.info(
        { version: saved.version, savedAt: saved.savedAt, instead: options.mappingSource },
        "using the mapping saved through the API",
      );
    }
    const parsed = parsePortAppConfig(text, source);
    for (const warning of parsed.warnings) options.logger.warn({ where: warning.where }, warning.message);
    const mapping = bindMapping(parsed, options.integration, source);
    const created = await options.catalog.ensureBlueprints(options.integration.defaultBlueprints());
    if (created.length > 0) options.logger.info({ blueprints: created }, "created default blueprints");
    const dataSource = new DataSource(options, mapping, text);
    // Turned off: what earlier resyncs kept goes now, not at the next resync.
    if (!dataSource.keepsRawExamples) await dataSource.rawExamples.clear();
    return dataSource;
  }

  /** The "send raw data examples" application setting: keep a sample per kind for the mapping test. */
  get keepsRawExamples(): boolean {
    return this.options.sendRawDataExamples ?? true;
  }

  get id(): string {
    return this.options.id;
  }

  get integration(): Integration {
    return this.options.integration;
  }

  /** Stores a verified delivery durably and wakes the workers; a redelivery is not queued twice. */
  async receive(event: LiveEvent): Promise<AppendOutcome> {
    const outcome = await this.inbox.append(event, this.options.integration.groupKey(event));
    if (outcome.accepted) this.workers.notify();
    return outcome;
  }

  async startWorkers(): Promise<void> {
    await this.workers.start();
    this.stopRetention ??= scheduleInboxRetention(this.inbox, this.options.logger);
  }

  /** Resolves when every received event has been applied or has failed. */
  whenEventsIdle(): Promise<void> {
    return this.workers.whenIdle();
  }

  /** The mapping in use, bound to the integration (a resync plan reads it). */
  get boundMapping(): BoundMapping {
    return this.mapping;
  }

  /** The text of the mapping in use, as written (comments and order kept). */
  get currentMappingText(): string {
    return this.mappingText;
  }

  /**
   * Checks `text` like a start would and, when it has no error, stores it as a new version and uses
   * it from the next resync page and live event on; with an error nothing changes.
   */
  async saveMapping(text: string, savedBy: string): Promise<SaveMappingOutcome> {
    const check = checkMappingText(text, this.options.integration, `${this.options.id} mapping`);
    if (!check.mapping) return { problems: check.problems };
    const saved = await this.mappingVersions.save(this.options.id, text, savedBy);
    this.mapping = check.mapping;
    this.mappingText = text;
    this.options.logger.info({ version: saved.version, savedBy }, "mapping replaced");
    return { saved, problems: check.problems };
  }

  requestResync(trigger: string): Promise<ResyncRequestOutcome> {
    return this.resyncs.request(trigger);
  }

  /** An incremental run (spec §6); resources without a cursor look back `lookBackMinutes`. */
  requestIncrementalResync(trigger: string, lookBackMinutes: number): Promise<ResyncRequestOutcome> {
    return this.resyncs.request(trigger, lookBackMinutes);
  }

  /**
   * Checks the webhooks the integration registered for deliveries the inbox never got and has them
   * redelivered (too old for that: a resync). Undefined when it did not run (see `MissedDeliveryChecks`).
   */
  checkMissedDeliveries(moment: MissedDeliveriesMoment): Promise<MissedDeliveriesReport | undefined> {
    return this.missedDeliveries?.check(moment) ?? Promise.resolve(undefined);
  }

  /** From now on, a missed-delivery check every `intervalSeconds` (0: none) until `stop()`. */
  scheduleMissedDeliveryChecks(intervalSeconds: number): void {
    this.missedDeliveries?.schedule(intervalSeconds);
  }

  async stop(): Promise<void> {
    this.resyncs.unschedule();
    await this.missedDeliveries?.stop();
    this.stopRetention?.();
    this.stopRetention = undefined;
    await this.workers.stop();
    await this.resyncs.settle();
  }

  private async requestResyncInBackground(trigger: string): Promise<void> {
    const outcome = await this.requestResync(trigger);
    if (outcome.started)
      outcome.summary.catch((error: unknown) => this.options.logger.error({ err: error }, "resync failed"));
  }

  private applyEvent(event: LiveEvent, signal: AbortSignal): Promise<LiveEventOutcome> {
    return applyLiveEvent(event, {
      signal,
      integration: this.options.integration,
      mapping: this.mapping,
      catalog: this.options.catalog,
      dataSource: this.options.id,
      logger: this.options.logger,
    });
  }
}
