import { requestJson } from "./request-json.js";
import { sendJson } from "./send-json.js";
import type { ListEventsResponse, ListResyncsResponse } from "./types.js";

/** One integration setting from the integration's spec (Ocean's spec.yaml). */
export interface ApiSettingSpec {
  name: string;
  type: string;
  description: string;
  required: boolean;
  sensitive: boolean;
  default?: unknown;
  enum?: string[];
  format?: string;
  shownWhen?: { setting: string; equals: string };
}

export interface ApiIntegrationType {
  type: string;
  title: string;
  description: string;
  settings: ApiSettingSpec[];
  defaultMapping: string;
}

/** `GET /api/v1/integrations` */
export interface ListIntegrationsResponse {
  installationMethods: InstallationMethod[];
  integrations: ApiIntegrationType[];
}

export type InstallationMethod = "scheduled" | "self-hosted";

export interface ApiDataSource {
  id: string;
  name: string;
  integration: string;
  installationMethod: InstallationMethod;
  readOnly: boolean;
  integrationSettings: Record<string, unknown>;
  /** Sensitive settings: never their value, only whether one is stored. */
  secrets: Record<string, "set" | "not set">;
  resyncIntervalMinutes: number | null;
  sendRawDataExamples: boolean;
  mapping: string;
  webhookPath: string;
  /** Self-hosted stored data sources: how registering the webhook went; null otherwise. */
  webhookRegistration: WebhookRegistration | null;
  status:
    | { state: "running" | "stopped" }
    | { state: "failed"; error: { code: string; message: string; hint?: string }; mappingEditable: boolean };
  /** Null for the data source from settings, which is not stored. */
  createdAt: string | null;
  updatedAt: string | null;
}

/** What the form sends: a sensitive setting left out keeps its stored value. */
export interface DataSourceInput {
  name: string;
  integration: string;
  installationMethod: InstallationMethod;
  integrationSettings: Record<string, unknown>;
  applicationSettings: { resyncIntervalMinutes: number; sendRawDataExamples: boolean };
  mapping?: string;
}

/** One webhook the integration registered or tried to: on an organization, or a repository. */
export interface WebhookOutcome {
  target: string;
  status: "registered" | "patched" | "unchanged" | "skipped" | "failed";
  reason?: string;
}

export type WebhookRegistration =
  | { state: "pending" }
  | { state: "finished"; finishedAt: string; outcomes: WebhookOutcome[] };

export interface ApiSecret {
  /** Null: not a data source's (Port's client secret); `dataSourceName` says what uses it. */
  dataSource: string | null;
  dataSourceName: string;
  setting: string;
  storedIn: "database" | "settings" | "environment";
  updatedAt: string | null;
}

export function listIntegrations(signal?: AbortSignal): Promise<ListIntegrationsResponse> {
  return requestJson("/integrations", signal);
}

export function listDataSources(signal?: AbortSignal): Promise<{ dataSources: ApiDataSource[] }> {
  return requestJson("/data-sources", signal);
}

export function getDataSource(id: string, signal?: AbortSignal): Promise<ApiDataSource> {
  return requestJson(`/data-sources/${encodeURIComponent(id)}`, signal);
}

export function createDataSource(input: DataSourceInput): Promise<ApiDataSource> {
  return sendJson("POST", "/data-sources", input);
}

export function updateDataSource(id: string, input: DataSourceInput): Promise<ApiDataSource> {
  return sendJson("PUT", `/data-sources/${encodeURIComponent(id)}`, input);
}

export function deleteDataSource(
  id: string,
  entities: "keep" | "delete",
): Promise<{ deletedEntities: number }> {
  return sendJson("DELETE", `/data-sources/${encodeURIComponent(id)}?entities=${entities}`);
}

export function listDataSourceResyncs(id: string, signal?: AbortSignal): Promise<ListResyncsResponse> {
  return requestJson(`/data-sources/${encodeURIComponent(id)}/resyncs`, signal);
}

export function listDataSourceEvents(id: string, signal?: AbortSignal): Promise<ListEventsResponse> {
  return requestJson(`/data-sources/${encodeURIComponent(id)}/events?limit=50`, signal);
}

/** Starts a full resync; one already running makes the server record this one as skipped (409). */
export function startDataSourceResync(id: string): Promise<{ status: string }> {
  return sendJson("POST", `/data-sources/${encodeURIComponent(id)}/resyncs`);
}

export function listSecrets(signal?: AbortSignal): Promise<{ secrets: ApiSecret[] }> {
  return requestJson("/secrets", signal);
}
