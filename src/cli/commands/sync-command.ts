import type { Command } from "commander";
import { chooseCatalog } from "../../engine/catalog/choose-catalog.js";
import { LocalCatalog } from "../../engine/catalog/local-catalog.js";
import { DataSource } from "../../engine/data-source/data-source.js";
import { createLogger, type Logger, silentLogger } from "../../engine/logging/create-logger.js";
import { bindMapping } from "../../engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../engine/mapping/parse-port-app-config.js";
import { loadSettings } from "../../engine/settings/load-settings.js";
import type { Settings } from "../../engine/settings/settings-schema.js";
import { openDatabase } from "../../engine/store/open-database.js";
import { planResync, type ResyncPlan } from "../../engine/sync/plan-resync.js";
import type { ResyncSummary } from "../../engine/sync/resync-summary.js";
import { attachStoreEtagCache } from "../../github/client/attach-store-etag-cache.js";
import { createGitHubIntegration } from "../../github/create-github-integration.js";
import { missingPermissionsError } from "../../github/permissions/missing-permission.js";
import { readMappingText } from "../read-mapping-text.js";
import { SyncProgress } from "../sync/sync-progress.js";

export interface SyncCommandOptions {
  config: string;
  mapping?: string;
  dataDir?: string;
  plan: boolean;
  json: boolean;
}

export function registerSyncCommand(program: Command): void {
  program
    .command("sync")
    .description(
      "Run one full resync with the settings `serve` uses (or, with --plan, show what it would do)",
    )
    .option("--config <file>", "settings file (camelCase Ocean names)", "config.yaml")
    .option("--mapping <file>", "mapping (port app config) file; the integration's default when unset")
    .option("--data-dir <dir>", "where the embedded catalog keeps its data")
    .option("--plan", "print what a resync would create, update and delete, without writing", false)
    .option("--json", "print one JSON summary instead of progress", false)
    .action(async (options: SyncCommandOptions) => {
      const settings = loadSettings({
        configFile: options.config,
        overrides: {
          ...(options.mapping ? { mappingFile: options.mapping } : {}),
          ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        },
      });
      const logger = options.json ? silentLogger() : createLogger();
      process.exitCode = options.plan
        ? await runPlan(settings, options, logger)
        : await runSync(settings, options, logger);
    });
}

async function runSync(settings: Settings, options: SyncCommandOptions, logger: Logger): Promise<number> {
  const integration = await createGitHubIntegration(settings.integration.config, { logger });
  const mapping = await readMappingText(settings, integration);
  const database = await openDatabase({ databaseUrl: settings.databaseUrl, dataDirectory: settings.dataDir });
  const etags = attachStoreEtagCache(integration, database);
  try {
    const dataSource = await DataSource.open({
      id: settings.integration.identifier,
      integration,
      mappingText: mapping.text,
      mappingSource: mapping.source,
      database,
      catalog: chooseCatalog(settings, new LocalCatalog(database), database),
      eventWorkersCount: settings.eventWorkersCount,
      sendRawDataExamples: settings.sendRawDataExamples,
      logger,
    });
    // Before any request of the resync: a permission the mapping's kinds need and the credentials lack.
    const missing = await integration.checkPermissions(dataSource.boundMapping);
    if (missing.length > 0) throw missingPermissionsError(missing);
    const previous = (await dataSource.history.list(dataSource.id, 20)).find(
      (resync) => resync.status === "completed",
    );
    const progress = new SyncProgress(
      process.stdout,
      Object.fromEntries(Object.entries(previous?.kinds ?? {}).map(([kind, counts]) => [kind, counts.seen])),
    );
    const outcome = await dataSource.requestResync("cli");
    if (!outcome.started) {
      const message = `resync skipped: another resync of "${dataSource.id}" is running (recorded as ${outcome.skippedId})`;
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ status: "skipped", id: outcome.skippedId, message })}\n`
          : `${message}\n`,
      );
      return 1;
    }
    let timer: NodeJS.Timeout | undefined;
    if (!options.json) {
      timer = setInterval(() => {
        const current = dataSource.resyncs.progress();
        if (current) progress.update(current);
      }, 100);
    }
    let summary: ResyncSummary;
    try {
      summary = await outcome.summary;
    } finally {
      if (timer) clearInterval(timer);
    }
    if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      progress.update(summary);
      process.stdout.write(describeSummary(summary));
    }
    return summary.status === "completed" ? 0 : 1;
  } finally {
    // The last ETags are written behind the requests: written now, the next sync asks with them.
    await etags.flush();
    await database.close();
  }
}

async function runPlan(settings: Settings, options: SyncCommandOptions, logger: Logger): Promise<number> {
  const integration = await createGitHubIntegration(settings.integration.config, { logger });
  const mappingText = await readMappingText(settings, integration);
  const mapping = bindMapping(
    parsePortAppConfig(mappingText.text, mappingText.source),
    integration,
    mappingText.source,
  );
  const database = await openDatabase({ databaseUrl: settings.databaseUrl, dataDirectory: settings.dataDir });
  try {
    const plan = await planResync({
      mapping,
      catalog: chooseCatalog(settings, new LocalCatalog(database), database),
      dataSource: settings.integration.identifier,
      defaultBlueprints: integration.defaultBlueprints(),
    });
    process.stdout.write(options.json ? `${JSON.stringify(plan)}\n` : describePlan(plan));
    return plan.errors.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

function describeSummary(summary: ResyncSummary): string {
  const lines = [`resync ${summary.id} ${summary.status}; deletion: ${summary.deletion.reason}`];
  for (const error of summary.errors.slice(0, 20)) {
    lines.push(
      `  error in ${error.kind}: ${error.code}: ${error.message}${error.cause ? ` (${error.cause})` : ""}`,
    );
  }
  if (summary.errors.length > 20) lines.push(`  … and ${summary.errors.length - 20} more errors`);
  return `${lines.join("\n")}\n`;
}

function describePlan(plan: ResyncPlan): string {
  const lines = [`plan for data source "${plan.dataSource}" (nothing was written):`];
  if (plan.blueprintsToCreate.length > 0)
    lines.push(`blueprints to create: ${plan.blueprintsToCreate.join(", ")}`);
  for (const [kind, counts] of Object.entries(plan.kinds)) {
    lines.push(
      `${kind}: seen ${counts.seen}, create ${counts.create}, update ${counts.update}, unchanged ${counts.unchanged}, delete ${counts.delete}, failed ${counts.failed}, filtered out ${counts.filteredOut}`,
    );
  }
  lines.push(`deletion: ${plan.deletion.reason}`);
  for (const action of ["create", "update", "delete"] as const) {
    for (const key of plan.samples[action]) lines.push(`  ${action} ${key.blueprint} ${key.identifier}`);
  }
  for (const failure of plan.samples.failed) {
    lines.push(`  fail ${failure.blueprint} ${failure.identifier}: ${failure.code}: ${failure.message}`);
  }
  for (const error of plan.errors.slice(0, 20))
    lines.push(`  error in ${error.kind}: ${error.code}: ${error.message}`);
  return `${lines.join("\n")}\n`;
}
