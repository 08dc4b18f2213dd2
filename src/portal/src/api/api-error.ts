/** A failed API call, carrying the server's stable error code and its message for the user. */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
  }
}

/** Any thrown value as an ApiError, so views render one kind of failure. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError("PORTAL_UNEXPECTED", message, 0);
}
