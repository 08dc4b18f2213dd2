/**
 * Whether a failed alert listing means "this repository has the feature off" (Dependabot alerts
 * disabled, no Advanced Security / code scanning analysis, secret scanning disabled): that repository has
 * no alerts, which is no failure of the kind. A missing permission is still an error.
 */
import { isPortolanError } from "../../engine/errors/portolan-error.js";

const disabledMessages = [
  /Dependabot alerts are disabled/i,
  /Advanced Security must be enabled/i,
  /Code scanning is not enabled/i,
  /no analysis found/i,
  /Secret scanning is disabled/i,
];

export function isAlertFeatureDisabled(error: unknown): boolean {
  if (!isPortolanError(error)) return false;
  const cause = error.cause as { status?: number; response?: { data?: { message?: unknown } } } | undefined;
  const message = cause?.response?.data?.message;
  return (
    (cause?.status === 403 || cause?.status === 404) &&
    typeof message === "string" &&
    disabledMessages.some((pattern) => pattern.test(message))
  );
}

/** The pages of an alert listing; none when the feature is off for the repository. */
export async function* alertPages<T>(pages: AsyncIterable<T[]>): AsyncIterable<T[]> {
  try {
    yield* pages;
  } catch (error) {
    if (isAlertFeatureDisabled(error)) return;
    throw error;
  }
}
