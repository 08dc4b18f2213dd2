import pino from "pino";

export type Logger = pino.Logger;

/**
 * Structured logs on stderr (stdout stays free for command output such as `--json`), or on `destination`
 * (tests read what would be written).
 */
export function createLogger(
  options: { level?: string; name?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      name: options.name ?? "portolan",
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      redact: {
        paths: ["*.githubToken", "*.githubAppPrivateKey", "*.webhookSecret", "*.clientSecret", "*.password"],
        censor: "••••••••",
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that writes nothing, for tests and `--json` runs that want a quiet stderr. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
