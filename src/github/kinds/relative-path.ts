/**
 * Paths an object names relative to a directory (spec §4.19–4.20): `includedFiles` of a folder entry
 * (relative to the folder), of a file (relative to its directory), and `file://` references. A leading
 * `/` does not make a path absolute; a path that already starts with the directory is not joined twice.
 */
export function joinRelative(directory: string, requested: string): string {
  const clean = requested.replace(/^\/+/, "");
  if (directory === "") return clean;
  if (clean === directory || clean.startsWith(`${directory}/`)) return clean;
  return `${directory}/${clean}`;
}

/** The directory of a file path (`""` at the repository root). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}
