import { readFile } from "node:fs/promises";
import type { Integration } from "../engine/integration/integration.js";
import type { Settings } from "../engine/settings/settings-schema.js";

/** The mapping text in use: `settings.mappingFile`, or the integration's default mapping. */
export async function readMappingText(
  settings: Settings,
  integration: Integration,
): Promise<{ text: string; source: string }> {
  return settings.mappingFile
    ? { text: await readFile(settings.mappingFile, "utf8"), source: settings.mappingFile }
    : { text: integration.defaultMapping(), source: "default mapping" };
}
