import type { Command } from "commander";
import { createLogger } from "../../engine/logging/create-logger.js";
import { loadSettings } from "../../engine/settings/load-settings.js";
import { requireWebhookSecret } from "../../engine/settings/require-webhook-secret.js";
import { hasGitHubCredentials } from "../../github/has-github-credentials.js";
import { parsePort } from "../parse-option.js";
import { setUpWebhooks } from "../set-up-webhooks.js";
import { hasSettingsDataSource } from "../settings-data-source.js";
import { startPortolan } from "../start-portolan.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Run the integration server for a real GitHub: webhooks, scheduled resyncs, API and portal")
    .option("--config <file>", "settings file (camelCase Ocean names)", "config.yaml")
    .option("--mapping <file>", "mapping (port app config) file; the integration's default when unset")
    .option("--data-dir <dir>", "where the embedded catalog keeps its data")
    .option("--host <host>", "address to listen on", undefined)
    .option("--port <port>", "port to listen on (0 = any free port)", parsePort)
    .option("--no-resync-on-start", "do not run a full resync at start")
    .action(
      async (options: {
        config: string;
        mapping?: string;
        dataDir?: string;
        host?: string;
        port?: number;
        resyncOnStart: boolean;
      }) => {
        const settings = loadSettings({
          configFile: options.config,
          overrides: {
            ...(options.mapping ? { mappingFile: options.mapping } : {}),
            ...(options.dataDir ? { dataDir: options.dataDir } : {}),
            ...(options.host ? { host: options.host } : {}),
            ...(options.port !== undefined ? { port: options.port } : {}),
          },
        });
        // Stored data sources check their own webhook secret when saved.
        if (hasGitHubCredentials(settings.integration.config)) requireWebhookSecret(settings);
        const logger = createLogger();
        const portolan = await startPortolan({ settings, logger });
        // Without GitHub credentials there is no data source from settings (startPortolan says so).
        if (hasSettingsDataSource(portolan) && settings.baseUrl)
          await setUpWebhooks(
            portolan,
            `${settings.baseUrl}/integration/webhook`,
            settings.webhookRecoveryIntervalSeconds,
          );
        else if (portolan.integration)
          logger.warn(
            "baseUrl is not set: no webhook is registered in GitHub (set OCEAN__BASE_URL to this server's public URL)",
          );
        logger.info({ url: portolan.url }, "Portolan is serving");
        process.stdout.write(`Portal: ${portolan.url}/\n`);
        if (portolan.generatedAdminPassword) {
          process.stdout.write(
            `Sign in as admin with password ${portolan.generatedAdminPassword} (shown only now; PORTOLAN_ADMIN_PASSWORD sets your own)\n`,
          );
        }
        if (options.resyncOnStart && portolan.dataSource) {
          const outcome = await portolan.dataSource.requestResync("start");
          if (outcome.started)
            outcome.summary.catch((error) => logger.error({ err: error }, "resync failed"));
        }
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await portolan.close();
      },
    );
}
