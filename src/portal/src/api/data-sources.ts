import { requestJson } from "./request-json.js";
import { sendJson } from "./send-json.js";
import type { ListResyncsResponse } from "./types.js";

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
  status:
    | { state: "running" | "stopped" }
    | { state: "failed"; error: { code: string; message: string; hint?: string } };
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

export interface ApiSecret {
  dataSource: string;
  dataSourceName: string;
  setting: string;
  storedIn: "database" | "settings";
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

export function startDataSourceResync(id: string): Promise<{ status: string }> {
  return sendJson("POST", `/data-sources/${encodeURIComponent(id)}/resyncs`);
}

export function listSecrets(signal?: AbortSignal): Promise<{ secrets: ApiSecret[] }> {
  return requestJson("/secrets", signal);
}
