/**
 * The one error type users see. Every failure a person can act on carries a stable `code`
 * (documented, never reworded), says what is wrong, where (file, line, field, event) and how to fix it.
 */
export interface ErrorLocation {
  /** File or source name, e.g. `mapping.yml` or `webhook delivery 1234`. */
  source?: string;
  line?: number;
  column?: number;
  /** Path inside the document, e.g. `resources[3].selector.states`. */
  path?: string;
}

export class PortolanError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly where: ErrorLocation | undefined;

  constructor(
    code: string,
    message: string,
    options: { hint?: string; where?: ErrorLocation; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PortolanError";
    this.code = code;
    this.hint = options.hint;
    this.where = options.where;
  }

  /** One line a person reads first: code, location, what is wrong, how to fix it. */
  describe(): string {
    const at = formatLocation(this.where);
    const hint = this.hint ? ` — ${this.hint}` : "";
    return `${this.code}${at ? ` at ${at}` : ""}: ${this.message}${hint}`;
  }
}

export function formatLocation(where: ErrorLocation | undefined): string {
  if (!where) return "";
  const parts: string[] = [];
  if (where.source) {
    let place = where.source;
    if (where.line !== undefined) place += `:${where.line}`;
    if (where.line !== undefined && where.column !== undefined) place += `:${where.column}`;
    parts.push(place);
  }
  if (where.path) parts.push(where.path);
  return parts.join(" ");
}

export function isPortolanError(error: unknown): error is PortolanError {
  return error instanceof PortolanError;
}
