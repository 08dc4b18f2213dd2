import { isPortolanError } from "../engine/errors/portolan-error.js";

/** 0 ok, 1 runtime failure, 2 invalid input (mapping, settings, arguments), 3 jq compile error. */
export function exitCodeFor(error: unknown): number {
  if (!isPortolanError(error)) return 1;
  if (error.code === "JQ_COMPILE") return 3;
  if (/^(MAPPING|SETTINGS|CLI|GITHUB_SETTINGS)_/.test(error.code)) return 2;
  return 1;
}
