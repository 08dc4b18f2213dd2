import { useEffect, useState } from "react";
import { type ApiError, toApiError } from "../api/api-error.js";

export interface ResourceState<T> {
  /** The last successful answer; kept while a refresh is under way so the page does not flicker. */
  data: T | undefined;
  /** The last failure, cleared by the next success. */
  error: ApiError | undefined;
  /** True until the first answer (or failure) for the current key arrives. */
  loading: boolean;
  /** When the last successful answer arrived (ms since the epoch). */
  updatedAt: number | undefined;
}

const EMPTY: ResourceState<never> = {
  data: undefined,
  error: undefined,
  loading: true,
  updatedAt: undefined,
};

/**
 * Loads `load()` whenever `key` changes (a new query) and again whenever `refreshKey` changes (same
 * query, fresher data). A superseded request is aborted and its answer ignored.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
  refreshKey: number,
): ResourceState<T> {
  const [state, setState] = useState<ResourceState<T> & { key: string }>({ ...EMPTY, key });

  // `load` is expected to be derived from `key`; listing it would refetch on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key and refreshKey are the triggers.
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.key === key ? previous : { ...EMPTY, key }));
    load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ data, error: undefined, loading: false, updatedAt: Date.now(), key });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          ...(previous.key === key ? previous : EMPTY),
          error: toApiError(error),
          loading: false,
          key,
        }));
      },
    );
    return () => controller.abort();
  }, [key, refreshKey]);

  if (state.key !== key) return EMPTY;
  const { key: _key, ...resource } = state;
  return resource;
}
