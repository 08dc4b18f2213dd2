import { requestJson, sendJson } from "./request-json.js";
import type {
  ListMappingDataSourcesResponse,
  MappingResponse,
  SaveMappingResponse,
  TestMappingResponse,
  ValidateMappingResponse,
} from "./types.js";

const mappingPath = (dataSource: string) => `/data-sources/${encodeURIComponent(dataSource)}/mapping`;

export function listMappingDataSources(signal?: AbortSignal): Promise<ListMappingDataSourcesResponse> {
  return requestJson<ListMappingDataSourcesResponse>("/mapping/data-sources", signal);
}

export function getMapping(dataSource: string, signal?: AbortSignal): Promise<MappingResponse> {
  return requestJson<MappingResponse>(mappingPath(dataSource), signal);
}

export function getMappingVersion(dataSource: string, version: number): Promise<{ text: string }> {
  return requestJson<{ text: string }>(`${mappingPath(dataSource)}/versions/${version}`);
}

export function validateMapping(
  dataSource: string,
  text: string,
  signal?: AbortSignal,
): Promise<ValidateMappingResponse> {
  return sendJson<ValidateMappingResponse>("POST", `${mappingPath(dataSource)}/validate`, { text }, signal);
}

export function saveMapping(dataSource: string, text: string): Promise<SaveMappingResponse> {
  return sendJson<SaveMappingResponse>("PUT", mappingPath(dataSource), { text });
}

export function testMapping(request: {
  dataSource: string;
  text: string;
  resourceIndex: number;
  items?: Array<Record<string, unknown>>;
}): Promise<TestMappingResponse> {
  return sendJson<TestMappingResponse>("POST", "/mapping/test", request);
}
