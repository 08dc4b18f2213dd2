/**
 * File text → content, as the file kind delivers it (spec §4.20): `.json` parsed as JSON, `.yaml`/`.yml`
 * as YAML 1.1 like PyYAML's `safe_load` (`yes` is true; timestamps become ISO strings; a repeated key
 * keeps its last value; several documents are an error); anything else, or a parse error, stays text.
 */
import { parse as parseYaml } from "yaml";

export function parseFileContent(path: string, text: string): unknown {
  const lower = path.toLowerCase();
  try {
    if (lower.endsWith(".json")) return JSON.parse(text);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return parseYaml(text, (_key, value) => (value instanceof Date ? value.toISOString() : value), {
        version: "1.1",
        uniqueKeys: false,
      });
    }
  } catch {
    return text;
  }
  return text;
}

const FILE_REFERENCE = "file://";

/**
 * Replaces `file://<path>` references at the first level of parsed content (spec §4.20): for an object,
 * its string values; for a list, the string values of its object items. `read` gives the referenced
 * file's parsed content (`""` when it is missing). Paths are relative to the referring file's directory.
 */
export async function resolveFileReferences(
  content: unknown,
  read: (reference: string) => Promise<unknown>,
): Promise<unknown> {
  const replaceValues = async (object: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(object)) {
      out[key] =
        typeof value === "string" && value.startsWith(FILE_REFERENCE)
          ? await read(value.slice(FILE_REFERENCE.length))
          : value;
    }
    return out;
  };
  if (Array.isArray(content)) {
    const out: unknown[] = [];
    for (const item of content) out.push(isPlainObject(item) ? await replaceValues(item) : item);
    return out;
  }
  if (isPlainObject(content)) return replaceValues(content);
  return content;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
