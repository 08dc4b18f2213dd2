/**
 * Path globs as the folder, file and skill kinds match them (Ocean: wcmatch with GLOBSTAR, IGNORECASE,
 * DOTGLOB): `**` as a whole segment spans any number of directories (none included), `*` and `?` stay
 * within one segment, `[...]` / `[!...]` are character classes, case is ignored, dot-files match.
 */
export function compileGlob(pattern: string): (path: string) => boolean {
  const segments = pattern.replace(/^\/+/, "").split("/");
  let source = "";
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "**") {
      source += last ? ".*" : "(?:[^/]*/)*";
      return;
    }
    source += segmentSource(segment) + (last ? "" : "/");
  });
  const regex = new RegExp(`^${source}$`, "i");
  return (path) => regex.test(path);
}

function segmentSource(segment: string): string {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] as string;
    if (char === "*") out += "[^/]*";
    else if (char === "?") out += "[^/]";
    else if (char === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) {
        out += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      out += `[${negated ? "^/" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = close;
    } else out += char.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return out;
}
