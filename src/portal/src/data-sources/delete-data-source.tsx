import { useState } from "react";
import { type ApiError, toApiError } from "../api/api-error.js";
import { deleteDataSource } from "../api/data-sources.js";
import { navigate } from "../app/navigation.js";
import { ErrorMessage } from "../shared/error-message.js";

/** Deleting stops the integration; the user says what happens to the entities it wrote. */
export function DeleteDataSource({ id }: { id: string }) {
  const [entities, setEntities] = useState<"keep" | "delete">("keep");
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await deleteDataSource(id, entities);
      navigate("/data-sources");
    } catch (failure) {
      setError(toApiError(failure));
      setBusy(false);
    }
  }

  return (
    <section className="form-section danger-zone">
      <h2>Delete this data source</h2>
      <p>Its integration stops at once. Its resync history stays.</p>
      <label className="checkbox-label">
        <input
          type="radio"
          name="entities"
          checked={entities === "keep"}
          onChange={() => setEntities("keep")}
        />
        Keep the entities it wrote in the catalog
      </label>
      <label className="checkbox-label">
        <input
          type="radio"
          name="entities"
          checked={entities === "delete"}
          onChange={() => setEntities("delete")}
        />
        Delete the entities it wrote
      </label>
      {error && <ErrorMessage title="Not deleted." error={error} />}
      <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
        {busy ? "Deleting…" : "Delete data source"}
      </button>
    </section>
  );
}
