/**
 * The stable code a failed kind is recorded with: the error's own `code`, or — for an
 * `AggregateError` (a kind whose repositories or installations each failed) — the code its errors
 * share, so that a missing permission on every repository still reads as that, not as a bare failure.
 */
const FALLBACK = "KIND_FAILED";

function ownCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function failureCode(error: unknown): string {
  const own = ownCode(error);
  if (own !== undefined) return own;
  if (!(error instanceof AggregateError) || error.errors.length === 0) return FALLBACK;
  const codes = new Set(error.errors.map((inner) => failureCode(inner)));
  const [shared] = codes;
  return codes.size === 1 && shared !== undefined ? shared : FALLBACK;
}
