import type { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import { DataSource, type SaveMappingOutcome } from "../data-source/data-source.js";
import { type MappingTarget, stoppedMappingTarget } from "../data-source/mapping-target.js";
import { PortolanError } from "../errors/portolan-error.js";
import type { Logger } from "../logging/create-logger.js";
import { bindMapping } from "../mapping/bind-mapping.js";
import { checkMappingText } from "../mapping/check-mapping-text.js";
import { MappingVersions } from "../mapping/mapping-versions.js";
import { parsePortAppConfig } from "../mapping/parse-port-app-config.js";
import type { SecretStore } from "../secrets/secret-store.js";
import type { Database } from "../store/database.js";
import { RawExamples } from "../sync/raw-examples.js";
import {
  type DataSourceInput,
  type DataSourceRecord,
  dataSourceIdFrom,
  dataSourceInputSchema,
  type InstallationMethod,
} from "./data-source-input.js";
import { DataSourceRecords } from "./data-source-records.js";
import { DataSourceValidationError } from "./data-source-validation-error.js";
import { forgetDataSourceActivity } from "./forget-data-source-activity.js";
import type { FieldError, IntegrationType, StartedIntegration, WebhookOutcome } from "./integration-type.js";
import { KeyedLock } from "./keyed-lock.js";

/** Whether a data source's integration runs, and why not. */
export type DataSourceState =
  | { state: "running" }
  | { state: "stopped" }
  | {
      state: "failed";
      error: { code: string; message: string; hint?: string };
      /** Its integration could be built from its settings: its mapping can be edited, saved to start it again. */
      mappingEditable: boolean;
    };

/** A data source as the API shows it: sensitive settings only as "set" / "not set". */
export interface DataSourceView
  extends Omit<DataSourceRecord, "settings" | "resyncIntervalMinutes" | "createdAt" | "updatedAt"> {
  /** Null: the settings data source without `scheduledResyncInterval` (no schedule). */
  resyncIntervalMinutes: number | null;
  /** Null for the settings data source, which is not stored. */
  createdAt: string | null;
  updatedAt: string | null;
  /** The data source from settings (env, config.yaml): shown, not editable here. */
  readOnly: boolean;
  integrationSettings: Record<string, unknown>;
  secrets: Record<string, "set" | "not set">;
  webhookPath: string;
  /** Self-hosted stored data sources: how registering its webhook went; null otherwise. */
  webhookRegistration: WebhookRegistrationState | null;
  status: DataSourceState;
}

/** The last webhook registration of a self-hosted data source, one outcome per hook. */
export type WebhookRegistrationState =
  | { state: "pending" }
  | { state: "finished"; finishedAt: string; outcomes: WebhookOutcome[] };

/** The data source configured by settings, shown beside the stored ones. */
export interface SettingsDataSource {
  dataSource: DataSource;
  name: string;
  integration: string;
  /** `self-hosted` when it registers its webhook (`baseUrl` is set), else `scheduled`. */
  installationMethod: InstallationMethod;
  /** Its integration settings as configured (sensitive ones are reported only as set / not set). */
  settings: Record<string, unknown>;
  resyncIntervalMinutes: number | undefined;
  sendRawDataExamples: boolean;
  mapping: string;
}

export interface DataSourceManagerOptions {
  database: Database;
  catalog: Catalog;
  secrets: SecretStore;
  types: readonly IntegrationType[];
  eventWorkersCount: number;
  /** `webhookRecoveryIntervalSeconds`: self-hosted data sources check for missed deliveries this often. */
  webhookRecoveryIntervalSeconds: number;
  logger: Logger;
  /** The public URL of a webhook path (`baseUrl`, else the server's own address); undefined before it listens. */
  webhookUrl: (path: string) => string | undefined;
  settingsDataSource?: SettingsDataSource;
  /** Secrets kept only in the environment (Port's client secret), listed on the secrets page. */
  environmentSecrets?: readonly { setting: string; usedBy: string }[];
}

/** A secret as the secrets page lists it: where it is used and where it is kept, never its value. */
export interface SecretInUse {
  /** Null: not a data source's (Port's client secret). */
  dataSource: string | null;
  /** The data source's name, or what else uses it. */
  dataSourceName: string;
  setting: string;
  /**
   * `database`: encrypted at rest; `settings`: the settings data source's, from the environment or
   * config.yaml; `environment`: only ever in the environment.
   */
  storedIn: "database" | "settings" | "environment";
  updatedAt: string | null;
}

interface Running {
  dataSource: DataSource;
  integration: StartedIntegration;
  webhookSecret: string | undefined;
}

interface Prepared {
  record: Omit<DataSourceRecord, "createdAt" | "updatedAt">;
  secretChanges: Map<string, string | null>;
  integration: StartedIntegration;
}

/** Where each stored data source's deliveries go; the settings data source keeps `/integration/webhook`. */
export function webhookPathOf(id: string): string {
  return `/integration/webhook/${encodeURIComponent(id)}`;
}

/**
 * The data sources stored in the database, each with its own integration, workers, schedule, webhook
 * path, resync lock and history. Saving one (re)starts it and deleting one stops it, while the server runs.
 */
export class DataSourceManager {
  private readonly records: DataSourceRecords;
  private readonly running = new Map<string, Running>();
  private readonly failures = new Map<string, DataSourceState & { state: "failed" }>();
  /** Stored data sources that did not start but whose integration was built: their mapping stays editable. */
  private readonly stopped = new Map<string, MappingTarget>();
  private readonly webhookRegistrations = new Map<string, WebhookRegistrationState>();
  /** Saves and deletes of one data source run one at a time. */
  private readonly locks = new KeyedLock();

  constructor(private readonly options: DataSourceManagerOptions) {
    this.records = new DataSourceRecords(options.database);
  }

  get integrationTypes(): readonly IntegrationType[] {
    return this.options.types;
  }

  /** Starts every stored data source; one that fails is reported in its status, the others go on. */
  async startAll(): Promise<void> {
    for (const record of await this.records.list()) {
      // The API already answers: a save arriving now waits for this start.
      await this.locks.run(record.id, () => this.startStored(record));
    }
  }

  async stopAll(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.stop(id);
  }

  async list(): Promise<DataSourceView[]> {
    const views: DataSourceView[] = [];
    const fixed = this.settingsView();
    if (fixed) views.push(fixed);
    for (const record of await this.records.list()) views.push(await this.view(record));
    return views;
  }

  async get(id: string): Promise<DataSourceView> {
    const fixed = this.settingsView();
    if (fixed && fixed.id === id) return fixed;
    return this.view(await this.require(id));
  }

  /** Every secret in use and where: stored ones (encrypted) and the settings data source's (env, config.yaml). */
  async secretsInUse(): Promise<SecretInUse[]> {
    const names = new Map((await this.records.list()).map((record) => [record.id, record.name]));
    const entries: SecretInUse[] = (this.options.environmentSecrets ?? []).map((secret) => ({
      dataSource: null,
      dataSourceName: secret.usedBy,
      setting: secret.setting,
      storedIn: "environment",
      updatedAt: null,
    }));
    const fixed = this.settingsView();
    if (fixed) {
      for (const [setting, status] of Object.entries(fixed.secrets)) {
        if (status === "set") {
          entries.push({
            dataSource: fixed.id,
            dataSourceName: fixed.name,
            setting,
            storedIn: "settings",
            updatedAt: null,
          });
        }
      }
    }
    for (const entry of await this.options.secrets.list()) {
      entries.push({
        dataSource: entry.owner,
        dataSourceName: names.get(entry.owner) ?? entry.owner,
        setting: entry.setting,
        storedIn: "database",
        updatedAt: entry.updatedAt,
      });
    }
    return entries;
  }

  /** A running stored data source and its webhook secret: where `/integration/webhook/{id}` delivers. */
  find(id: string): Running | undefined {
    return this.running.get(id);
  }

  /** The ids of the stored data sources running now. */
  runningIds(): string[] {
    return [...this.running.keys()];
  }

  /** For `/healthz`: throws, naming the data source, when a running one's credentials do not work. */
  async verifyAccess(): Promise<void> {
    for (const [id, running] of this.running) {
      try {
        await running.integration.verifyAccess();
      } catch (error) {
        throw new Error(`data source ${id}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }
  }

  /** The data source (stored or from settings) a resync or history request names. */
  dataSource(id: string): DataSource | undefined {
    const fixed = this.options.settingsDataSource;
    if (fixed && fixed.dataSource.id === id) return fixed.dataSource;
    return this.running.get(id)?.dataSource;
  }

  /** `savedBy`: who saves it, kept with the mapping version it creates. */
  async create(body: unknown, savedBy = "api"): Promise<DataSourceView> {
    const input = this.parse(body);
    const id = dataSourceIdFrom(input.name);
    return this.locks.run(id, () => this.createLocked(id, input, savedBy));
  }

  private async createLocked(id: string, input: DataSourceInput, savedBy: string): Promise<DataSourceView> {
    if (this.options.settingsDataSource?.dataSource.id === id || (await this.records.get(id))) {
      throw new DataSourceValidationError([
        { field: "name", message: `a data source with the id "${id}" exists already; choose another name` },
      ]);
    }
    const prepared = await this.prepare(id, input, {});
    await this.persist(prepared, savedBy);
    await this.start(prepared);
    return this.get(id);
  }

  /** Left out of `body`, the mapping stays as stored (the mapping editor saves it on its own). */
  async update(id: string, body: unknown, savedBy = "api"): Promise<DataSourceView> {
    return this.locks.run(id, () => this.updateLocked(id, body, savedBy));
  }

  private async updateLocked(id: string, body: unknown, savedBy: string): Promise<DataSourceView> {
    this.refuseSettingsDataSource(id);
    const stored = await this.require(id);
    const input = this.parse(body);
    const prepared = await this.prepare(
      id,
      { ...input, mapping: input.mapping ?? stored.mapping },
      await this.options.secrets.values(id),
    );
    await this.persist(prepared, savedBy);
    await this.stop(id);
    await this.start(prepared);
    return this.get(id);
  }

  /** Stops it and forgets it; its entities stay unless `entities` is "delete". */
  async remove(id: string, entities: "keep" | "delete"): Promise<{ deletedEntities: number }> {
    return this.locks.run(id, () => this.removeLocked(id, entities));
  }

  private async removeLocked(id: string, entities: "keep" | "delete"): Promise<{ deletedEntities: number }> {
    this.refuseSettingsDataSource(id);
    await this.require(id);
    await this.stop(id);
    let deletedEntities = 0;
    if (entities === "delete") {
      const keys = await this.options.catalog.ownedKeys(id);
      const result = await this.options.catalog.deleteEntities(keys, id, { deleteDependents: true });
      deletedEntities = result.deleted.length;
    }
    await this.options.database.transaction(async (tx) => {
      await this.records.remove(id, tx);
      await this.options.secrets.removeAll(id, tx);
      // A data source created later under the same name starts without this one's history.
      await new MappingVersions(tx).removeAll(id);
      await new RawExamples(tx, id).clear();
      await forgetDataSourceActivity(tx, id);
    });
    this.failures.delete(id);
    this.stopped.delete(id);
    this.webhookRegistrations.delete(id);
    return { deletedEntities };
  }

  private parse(body: unknown): DataSourceInput {
    const result = dataSourceInputSchema.safeParse(body ?? {});
    if (!result.success) throw new DataSourceValidationError(result.error.issues.map(fieldError));
    return result.data;
  }

  /**
   * Validates everything a start needs — the envelope, each integration setting with the stored
   * secrets filled in, the mapping against the integration's kinds — and builds the integration.
   */
  private async prepare(
    id: string,
    input: DataSourceInput,
    storedSecrets: Record<string, string>,
  ): Promise<Prepared> {
    const type = this.options.types.find((candidate) => candidate.type === input.integration);
    if (!type) {
      throw new DataSourceValidationError([
        {
          field: "integration",
          message: `unknown integration "${input.integration}"; choose one of ${this.options.types.map((known) => known.type).join(", ")}`,
        },
      ]);
    }
    const sensitive = new Set(
      type.settings.filter((setting) => setting.sensitive).map((setting) => setting.name),
    );
    const settings: Record<string, unknown> = {};
    const secretChanges = new Map<string, string | null>();
    const secretValues: Record<string, string> = { ...storedSecrets };
    for (const [name, value] of Object.entries(input.integrationSettings)) {
      if (!sensitive.has(name)) {
        if (value !== null && value !== "") settings[name] = value;
        continue;
      }
      if (value === null || value === "") {
        secretChanges.set(name, null);
        delete secretValues[name];
      } else if (typeof value === "string") {
        secretChanges.set(name, value);
        secretValues[name] = value;
      }
    }
    const fullSettings = { ...settings, ...secretValues };
    const errors: FieldError[] = type
      .validateSettings(fullSettings)
      .map((error) => ({ field: `integrationSettings.${error.field}`, message: error.message }));
    for (const name of sensitive) {
      const value = input.integrationSettings[name];
      if (value !== undefined && value !== null && typeof value !== "string") {
        errors.push({ field: `integrationSettings.${name}`, message: "must be text" });
      }
    }
    if (
      input.installationMethod === "self-hosted" &&
      !secretValues.webhookSecret &&
      sensitive.has("webhookSecret")
    ) {
      errors.push({
        field: "integrationSettings.webhookSecret",
        message: "live webhooks need a webhook secret, or anyone could post forged deliveries",
      });
    }
    if (errors.length > 0) throw new DataSourceValidationError(errors);
    const mapping = input.mapping ?? type.defaultMapping();
    const integration = await type.create(
      fullSettings,
      this.options.logger.child({ dataSource: id }),
      this.options.database,
    );
    try {
      bindMapping(parsePortAppConfig(mapping, "mapping"), integration, "mapping");
    } catch (error) {
      if (!(error instanceof PortolanError)) throw error;
      const line = error.where?.line === undefined ? "" : `line ${error.where.line}: `;
      throw new DataSourceValidationError([{ field: "mapping", message: `${line}${error.message}` }]);
    }
    return {
      record: {
        id,
        name: input.name,
        integration: type.type,
        installationMethod: input.installationMethod,
        settings,
        resyncIntervalMinutes: input.applicationSettings.resyncIntervalMinutes,
        sendRawDataExamples: input.applicationSettings.sendRawDataExamples,
        mapping,
      },
      secretChanges,
      integration,
    };
  }

  /**
   * Changes the mapping of a running data source (stored or from settings) without restarting it: a
   * new kept version, used from the next resync page and live event on, and, for a stored one, its
   * record. A stored data source that did not start is started again with the saved mapping (a kept
   * mapping this version no longer takes, naming a kind it does not offer, stops a start).
   */
  async saveMapping(id: string, text: string, savedBy: string): Promise<SaveMappingOutcome> {
    const fixed = this.options.settingsDataSource?.dataSource;
    if (fixed?.id === id) return fixed.saveMapping(text, savedBy);
    return this.locks.run(id, async () => {
      await this.require(id);
      const running = this.running.get(id);
      if (running) {
        const outcome = await running.dataSource.saveMapping(text, savedBy);
        if ("saved" in outcome) await this.records.saveMapping(id, text);
        return outcome;
      }
      const stopped = this.stopped.get(id);
      if (!stopped) {
        throw new PortolanError("DATA_SOURCE_NOT_RUNNING", `data source "${id}" is not running`, {
          hint: "Its settings do not build an integration to check a mapping against: fix the data source's settings and save them to start it.",
          where: { source: "data source", path: id },
        });
      }
      const check = checkMappingText(text, stopped.integration, `${id} mapping`);
      if (!check.mapping) return { problems: check.problems };
      const saved = await this.options.database.transaction(async (tx) => {
        await this.records.saveMapping(id, text, tx);
        return new MappingVersions(tx).save(id, text, savedBy);
      });
      await this.startStored(await this.require(id));
      return { saved, problems: check.problems };
    });
  }

  /**
   * The data sources whose mapping can be edited and tested: the one from settings, the running stored
   * ones, then the stored ones that did not start but whose integration could be built.
   */
  mappingTargets(): MappingTarget[] {
    const fixed = this.options.settingsDataSource?.dataSource;
    return [
      ...(fixed ? [fixed] : []),
      ...[...this.running.values()].map((running) => running.dataSource),
      ...this.stopped.values(),
    ];
  }

  /** The data source `mappingTargets` lists under `id`, if any. */
  mappingTarget(id: string): MappingTarget | undefined {
    return this.dataSource(id) ?? this.stopped.get(id);
  }

  /** Saves the record and its secrets, and its mapping as a new kept version when the mapping changed. */
  private async persist(prepared: Prepared, savedBy: string): Promise<void> {
    const { secrets } = this.options;
    await this.options.database.transaction(async (tx) => {
      await this.records.save(prepared.record, tx);
      // The newest version is the mapping a start uses, so it must follow the record.
      const versions = new MappingVersions(tx);
      const latest = await versions.latest(prepared.record.id);
      if (latest?.text !== prepared.record.mapping) {
        await versions.save(prepared.record.id, prepared.record.mapping, savedBy);
      }
      for (const [setting, value] of prepared.secretChanges) {
        if (value === null) await secrets.remove(prepared.record.id, setting, tx);
        else await secrets.put(prepared.record.id, setting, value, tx);
      }
    });
  }

  /** Starts a stored record at server start: secrets from the store, failures kept as its status. */
  private async startStored(record: DataSourceRecord): Promise<void> {
    const type = this.options.types.find((candidate) => candidate.type === record.integration);
    try {
      if (!type) {
        throw new PortolanError("DATA_SOURCE_UNKNOWN_INTEGRATION", `no integration "${record.integration}"`, {
          hint: "Delete the data source, or run a Portolan version that has this integration.",
        });
      }
      const secretValues = await this.options.secrets.values(record.id);
      const integration = await type.create(
        { ...record.settings, ...secretValues },
        this.options.logger.child({ dataSource: record.id }),
        this.options.database,
      );
      await this.start({ record, secretChanges: new Map(), integration });
    } catch (error) {
      // No integration to check a mapping against: its settings must be fixed first.
      this.stopped.delete(record.id);
      this.recordFailure(record.id, error);
    }
  }

  /** Runs a saved data source (its secrets are in the store by now). */
  private async start(prepared: Prepared): Promise<void> {
    const { record, integration } = prepared;
    const logger = this.options.logger.child({ dataSource: record.id });
    this.failures.delete(record.id);
    this.stopped.delete(record.id);
    try {
      const dataSource = await DataSource.open({
        id: record.id,
        integration,
        mappingText: record.mapping,
        mappingSource: `data source ${record.id} mapping`,
        database: this.options.database,
        catalog: this.options.catalog,
        eventWorkersCount: this.options.eventWorkersCount,
        sendRawDataExamples: record.sendRawDataExamples,
        logger,
      });
      const { webhookSecret } = await this.options.secrets.values(record.id);
      this.running.set(record.id, { dataSource, integration, webhookSecret });
      await dataSource.startWorkers();
      dataSource.resyncs.schedule(record.resyncIntervalMinutes);
      if (record.installationMethod === "self-hosted")
        this.registerWebhooks(record.id, { dataSource, integration }, logger);
      else this.webhookRegistrations.delete(record.id);
      // As Ocean: an integration resyncs once when it starts.
      const outcome = await dataSource.requestResync("start");
      if (outcome.started)
        outcome.summary.catch((error: unknown) => logger.error({ err: error }, "resync failed"));
    } catch (error) {
      if (!this.running.has(record.id)) {
        // The text the start used: the newest kept version (`DataSource.open`), which the record follows.
        const latest = await new MappingVersions(this.options.database)
          .latest(record.id)
          .catch(() => undefined);
        this.stopped.set(
          record.id,
          stoppedMappingTarget({
            id: record.id,
            integration,
            mappingText: latest?.text ?? record.mapping,
            sendRawDataExamples: record.sendRawDataExamples,
            database: this.options.database,
          }),
        );
      }
      this.recordFailure(record.id, error);
    }
  }

  /**
   * In the background: GitHub being slow must not hold the API answer. The outcome is kept for the
   * data source's page; a later save's registration replaces an earlier one's. Once registered, the
   * hooks are checked for missed deliveries, then every `webhookRecoveryIntervalSeconds`.
   */
  private registerWebhooks(
    id: string,
    { dataSource, integration }: Pick<Running, "dataSource" | "integration">,
    logger: Logger,
  ): void {
    const url = this.options.webhookUrl(webhookPathOf(id));
    const pending: WebhookRegistrationState = { state: "pending" };
    this.webhookRegistrations.set(id, pending);
    const finish = (outcomes: WebhookOutcome[]) => {
      if (this.webhookRegistrations.get(id) !== pending) return;
      this.webhookRegistrations.set(id, {
        state: "finished",
        finishedAt: new Date().toISOString(),
        outcomes,
      });
    };
    if (!url) {
      finish([
        { target: "webhook", status: "failed", reason: "the server has no address yet; save it again" },
      ]);
      return;
    }
    integration.registerWebhooks(url).then(
      (outcomes) => {
        logger.info({ url, outcomes }, "webhook registration finished");
        finish(outcomes);
        // A data source stopped meanwhile schedules nothing (its checks are stopped for good).
        void dataSource.checkMissedDeliveries("start").then(() => {
          dataSource.scheduleMissedDeliveryChecks(this.options.webhookRecoveryIntervalSeconds);
        });
      },
      (error: unknown) => {
        logger.warn({ err: error }, "webhook registration failed");
        const reason =
          error instanceof PortolanError ? error.describe() : String((error as Error)?.message ?? error);
        finish([{ target: "webhook", status: "failed", reason }]);
      },
    );
  }

  private async stop(id: string): Promise<void> {
    const running = this.running.get(id);
    if (!running) return;
    this.running.delete(id);
    await running.dataSource.stop();
  }

  private recordFailure(id: string, error: unknown): void {
    this.options.logger.error({ dataSource: id, err: error }, "data source did not start");
    const failure =
      error instanceof PortolanError
        ? error
        : new PortolanError(
            "DATA_SOURCE_START_FAILED",
            error instanceof Error ? error.message : String(error),
            {
              hint: "See the server log; fix the data source's settings and save it to start it again.",
            },
          );
    this.failures.set(id, {
      state: "failed",
      mappingEditable: this.stopped.has(id),
      error: {
        code: failure.code,
        message: failure.message,
        ...(failure.hint ? { hint: failure.hint } : {}),
      },
    });
  }

  private refuseSettingsDataSource(id: string): void {
    if (this.options.settingsDataSource?.dataSource.id !== id) return;
    throw new PortolanError("DATA_SOURCE_READ_ONLY", `data source "${id}" comes from the settings`, {
      hint: "Change it in config.yaml or its OCEAN__… environment variables and restart; or add a data source in the portal.",
      where: { source: "data source", path: id },
    });
  }

  private async require(id: string): Promise<DataSourceRecord> {
    const record = await this.records.get(id);
    if (!record) {
      throw new PortolanError("DATA_SOURCE_NOT_FOUND", `there is no data source "${id}"`, {
        hint: "List them with GET /api/v1/data-sources.",
        where: { source: "data source", path: id },
      });
    }
    return record;
  }

  private async view(record: DataSourceRecord): Promise<DataSourceView> {
    const type = this.options.types.find((candidate) => candidate.type === record.integration);
    const stored = new Set(
      (await this.options.secrets.list())
        .filter((entry) => entry.owner === record.id)
        .map((entry) => entry.setting),
    );
    const secrets: Record<string, "set" | "not set"> = {};
    for (const setting of type?.settings ?? []) {
      if (setting.sensitive) secrets[setting.name] = stored.has(setting.name) ? "set" : "not set";
    }
    const { settings, ...rest } = record;
    return {
      ...rest,
      readOnly: false,
      integrationSettings: settings,
      secrets,
      webhookPath: webhookPathOf(record.id),
      webhookRegistration:
        record.installationMethod === "self-hosted"
          ? (this.webhookRegistrations.get(record.id) ?? null)
          : null,
      status: this.failures.get(record.id) ?? { state: this.running.has(record.id) ? "running" : "stopped" },
    };
  }

  private settingsView(): DataSourceView | undefined {
    const fixed = this.options.settingsDataSource;
    if (!fixed) return undefined;
    const type = this.options.types.find((candidate) => candidate.type === fixed.integration);
    const sensitive = new Set(
      type?.settings.filter((setting) => setting.sensitive).map((setting) => setting.name),
    );
    const integrationSettings: Record<string, unknown> = {};
    const secrets: Record<string, "set" | "not set"> = {};
    for (const name of sensitive) secrets[name] = isSet(fixed.settings[name]) ? "set" : "not set";
    for (const [name, value] of Object.entries(fixed.settings)) {
      if (!sensitive.has(name)) integrationSettings[name] = value;
    }
    return {
      id: fixed.dataSource.id,
      name: fixed.name,
      integration: fixed.integration,
      installationMethod: fixed.installationMethod,
      readOnly: true,
      integrationSettings,
      secrets,
      resyncIntervalMinutes: fixed.resyncIntervalMinutes ?? null,
      sendRawDataExamples: fixed.sendRawDataExamples,
      mapping: fixed.mapping,
      webhookPath: "/integration/webhook",
      webhookRegistration: null,
      status: { state: "running" },
      createdAt: null,
      updatedAt: null,
    };
  }
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && String(value).trim() !== "";
}

function fieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join(".") || "body";
  if (issue.code === "unrecognized_keys") {
    return {
      field: field === "body" ? issue.keys.join(", ") : `${field}.${issue.keys[0]}`,
      message: "is not a setting of a data source",
    };
  }
  return { field, message: issue.message };
}
