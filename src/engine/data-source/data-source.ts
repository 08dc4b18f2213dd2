import type { Catalog } from "../catalog/catalog.js";
import { applyLiveEvent, type LiveEventOutcome } from "../events/apply-live-event.js";
import { EventWorkerPool } from "../events/event-worker-pool.js";
import { type AppendOutcome, WebhookInbox } from "../events/webhook-inbox.js";
import type { Integration, LiveEvent } from "../integration/integration.js";
import type { Logger } from "../logging/create-logger.js";
import { type BoundMapping, bindMapping } from "../mapping/bind-mapping.js";
import { parsePortAppConfig } from "../mapping/parse-port-app-config.js";
import type { Database } from "../store/database.js";
import { RawExamples } from "../sync/raw-examples.js";
import { ResyncCoordinator, type ResyncRequestOutcome } from "../sync/resync-coordinator.js";
import { ResyncHistory } from "../sync/resync-history.js";

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
  /** `sendRawDataExamples`: keep a sample of raw objects per kind during resyncs (Ocean's default: on). */
  sendRawDataExamples?: boolean;
  logger: Logger;
}

/**
 * One installed integration: its mapping, resyncs, and durable live events, writing to one catalog.
 * The engine's whole data flow meets here; it knows the integration only through the seam.
 */
export class DataSource {
  readonly history: ResyncHistory;
  readonly inbox: WebhookInbox;
  readonly resyncs: ResyncCoordinator;
  readonly rawExamples: RawExamples;
  private readonly workers: EventWorkerPool;
  private mapping: BoundMapping;

  private constructor(
    private readonly options: DataSourceOptions,
    mapping: BoundMapping,
  ) {
    this.mapping = mapping;
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
      keepRawExamples: options.sendRawDataExamples ?? true,
    });
    this.workers = new EventWorkerPool({
      inbox: this.inbox,
      workers: options.eventWorkersCount,
      logger: options.logger,
      process: async (entry) => {
        await this.applyEvent(entry);
      },
    });
  }

  /** Validates the mapping against the integration and creates the default blueprints if missing. */
  static async open(options: DataSourceOptions): Promise<DataSource> {
    const parsed = parsePortAppConfig(options.mappingText, options.mappingSource);
    for (const warning of parsed.warnings) options.logger.warn({ where: warning.where }, warning.message);
    const mapping = bindMapping(parsed, options.integration, options.mappingSource);
    const created = await options.catalog.ensureBlueprints(options.integration.defaultBlueprints());
    if (created.length > 0) options.logger.info({ blueprints: created }, "created default blueprints");
    return new DataSource(options, mapping);
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
  }

  /** Resolves when every received event has been applied or has failed. */
  whenEventsIdle(): Promise<void> {
    return this.workers.whenIdle();
  }

  /** The mapping in use, bound to the integration (a resync plan reads it). */
  get boundMapping(): BoundMapping {
    return this.mapping;
  }

  requestResync(trigger: string): Promise<ResyncRequestOutcome> {
    return this.resyncs.request(trigger);
  }

  async stop(): Promise<void> {
    this.resyncs.unschedule();
    await this.workers.stop();
    await this.resyncs.settle();
  }

  private applyEvent(event: LiveEvent): Promise<LiveEventOutcome> {
    return applyLiveEvent(event, {
      integration: this.options.integration,
      mapping: this.mapping,
      catalog: this.options.catalog,
      dataSource: this.options.id,
      logger: this.options.logger,
    });
  }
}
