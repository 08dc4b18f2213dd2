/** A failed API call, carrying the server's stable error code and its message for the user. */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number;
  /** Per-field problems of a refused form (`DATA_SOURCE_INVALID`), shown at their fields. */
  readonly fields: ReadonlyArray<{ field: string; message: string }>;

  constructor(
    code: string,
    message: string,
    status: number,
    fields: ReadonlyArray<{ field: string; message: string }> = [],
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

/** Any thrown value as an ApiError, so views render one kind of failure. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError("PORTAL_UNEXPECTED", message, 0);
}
