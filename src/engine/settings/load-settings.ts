import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import type { z } from "zod";
import { PortolanError } from "../errors/portolan-error.js";
import { formatPath } from "../mapping/parse-port-app-config.js";
import { type Settings, settingsSchema } from "./settings-schema.js";

type Tree = Record<string, unknown>;

/** `GITHUB_TOKEN` → `githubToken`; `event_workers_count` → `eventWorkersCount`. */
export function camelCase(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * `OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN=x` → `{ integration: { config: { githubToken: "x" } } }`.
 * A value that is a JSON object or array is parsed (Ocean accepts complex settings as JSON).
 */
export function settingsFromEnvironment(environment: NodeJS.ProcessEnv): Tree {
  const tree: Tree = {};
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined || !name.toUpperCase().startsWith("OCEAN__")) continue;
    const path = name.slice("OCEAN__".length).split("__").map(camelCase);
    setPath(tree, path, parseValue(value));
  }
  // Portolan's own names for what Ocean has no setting for.
  if (environment.DATABASE_URL) tree.databaseUrl = environment.DATABASE_URL;
  if (environment.PORTOLAN_ADMIN_PASSWORD) tree.adminPassword = environment.PORTOLAN_ADMIN_PASSWORD;
  if (environment.PORTOLAN_SECRET_KEY) tree.secretKey = environment.PORTOLAN_SECRET_KEY;
  const portApi: Tree = {};
  if (environment.PORT_CLIENT_ID) portApi.clientId = environment.PORT_CLIENT_ID;
  if (environment.PORT_CLIENT_SECRET) portApi.clientSecret = environment.PORT_CLIENT_SECRET;
  if (environment.PORT_BASE_URL) portApi.baseUrl = environment.PORT_BASE_URL;
  return Object.keys(portApi).length > 0 ? mergeSettings(tree, { portApi }) : tree;
}

/**
 * Ocean's `port: {clientId, clientSecret, baseUrl}` becomes `portApi`: Portolan's `port` is the
 * server's TCP port. Done per source, so `--port 8000` never replaces the credentials.
 */
export function separatePortCredentials(tree: Tree): Tree {
  const { port, ...rest } = tree;
  if (!isTree(port)) return tree;
  return mergeSettings(rest, { portApi: port });
}

function parseValue(value: string): unknown {
  const trimmed = value.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }
  return value;
}

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

/** Deep merge: nested objects from lower-priority sources are merged, not replaced (as in Ocean). */
export function mergeSettings(...sources: Tree[]): Tree {
  const result: Tree = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      const existing = result[key];
      if (isTree(existing) && isTree(value)) result[key] = mergeSettings(existing, value);
      else if (value !== undefined) result[key] = value;
    }
  }
  return result;
}

function isTree(value: unknown): value is Tree {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** config.yaml: camelCase keys; `{{ from env NAME }}` takes the value from the environment. */
export function settingsFromFile(file: string, environment: NodeJS.ProcessEnv): Tree {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PortolanError("SETTINGS_SYNTAX", (error as Error).message.split("\n")[0] ?? "invalid YAML", {
      where: { source: file },
      hint: "Fix the YAML syntax of the settings file.",
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isTree(parsed)) {
    throw new PortolanError("SETTINGS_NOT_AN_OBJECT", "the settings file must hold an object", {
      where: { source: file },
    });
  }
  return resolveEnvReferences(parsed, environment);
}

const ENV_REFERENCE = /^\{\{\s*from env (\w+)\s*\}\}$/;

function resolveEnvReferences(tree: Tree, environment: NodeJS.ProcessEnv): Tree {
  const result: Tree = {};
  for (const [key, value] of Object.entries(tree)) {
    const reference = typeof value === "string" ? ENV_REFERENCE.exec(value) : null;
    if (reference) {
      const resolved = environment[reference[1] ?? ""];
      if (resolved !== undefined) result[key] = resolved;
    } else result[key] = isTree(value) ? resolveEnvReferences(value, environment) : value;
  }
  return result;
}

export interface LoadSettingsOptions {
  /** Highest priority (command-line flags). */
  overrides?: Tree;
  environment?: NodeJS.ProcessEnv;
  configFile?: string;
}

/** Settings from flags, then `OCEAN__…` environment variables, then config.yaml; validated once. */
export function loadSettings(options: LoadSettingsOptions = {}): Settings {
  const environment = options.environment ?? process.env;
  const configFile = options.configFile ?? "config.yaml";
  const merged = mergeSettings(
    ...[
      settingsFromFile(configFile, environment),
      settingsFromEnvironment(environment),
      options.overrides ?? {},
    ].map(separatePortCredentials),
  );
  const result = settingsSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    // `portApi` is written `port` (Ocean's name) in the file and the environment.
    const written = issue.path.map((segment, index) =>
      index === 0 && segment === "portApi" ? "port" : segment,
    );
    const path = formatPath(written as (string | number)[]);
    throw new PortolanError("SETTINGS_INVALID", issue.message, {
      where: { source: "settings", path },
      hint: `Set it in ${configFile} as ${path} or in the environment as OCEAN__${written
        .map((segment) =>
          String(segment)
            .replace(/([A-Z])/g, "_$1")
            .toUpperCase(),
        )
        .join("__")}.`,
    });
  }
  return result.data;
}
