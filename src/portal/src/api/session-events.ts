/**
 * The API answered 401: the session is missing or expired. Views do not handle this one by one;
 * the app listens once and shows the sign-in page.
 */
const listeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyUnauthorized(): void {
  for (const listener of listeners) listener();
}
