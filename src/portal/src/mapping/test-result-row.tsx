import type { TestMappingResponse } from "../api/types.js";

type Result = TestMappingResponse["results"][number];

/** One raw object beside what the mapping made of it, with every failed field and why. */
export function TestResultRow({ result }: { result: Result }) {
  return (
    <div className="test-result" data-testid="test-result">
      <pre className="json">{JSON.stringify(result.raw, null, 2)}</pre>
      <div className="test-outcome">
        {result.skipped && <p className="outcome-note">Not run: the test took too long.</p>}
        {result.filteredOut && (
          <p className="outcome-note" data-testid="filtered-out">
            Filtered out by the selector query.
          </p>
        )}
        {result.dropped && (
          <p className="outcome-note">
            Dropped: the identifier or blueprint came out empty (Ocean skips these).
          </p>
        )}
        {result.entities.map((tested) => (
          <div key={`${tested.entity.blueprint}/${tested.entity.identifier}`} data-testid="tested-entity">
            <span className={`badge ${tested.outcome === "failed" ? "badge-failed" : "badge-done"}`}>
              {tested.outcome === "failed" ? "catalog refuses it" : `would be ${tested.outcome}`}
            </span>
            {tested.error && (
              <p className="field-error">
                <code>{tested.error.code}</code> {tested.error.message}
              </p>
            )}
            <pre className="json">{JSON.stringify(tested.entity, null, 2)}</pre>
          </div>
        ))}
        {result.errors.length > 0 && (
          <ul className="field-errors" data-testid="field-errors">
            {result.errors.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a field can fail twice (array items).
              <li key={index} className="field-error">
                <code>{error.field || "item"}</code> {error.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
