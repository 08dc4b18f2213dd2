import type { TestMappingResponse } from "../api/types.js";
import { placeFailures, TestedEntityFields } from "./tested-entity-fields.js";

type Result = TestMappingResponse["results"][number];

/**
 * One raw object beside what the mapping made of it: each entity's fields with a failed field's error
 * at its place, whether the catalog would take it, and the item's own failures (selector, identifier).
 */
export function TestResultRow({ result }: { result: Result }) {
  const first = result.entities[0]?.entity;
  // Field failures sit in the entity's rows; what has no row (or no entity) is listed for the item.
  const itemFailures = first ? placeFailures(first, result.errors).unplaced : result.errors;
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
        {result.entities.map((tested, index) => (
          <div key={`${tested.entity.blueprint}/${tested.entity.identifier}`} data-testid="tested-entity">
            <span className={`badge ${tested.outcome === "failed" ? "badge-failed" : "badge-done"}`}>
              {tested.outcome === "failed" ? "catalog refuses it" : `would be ${tested.outcome}`}
            </span>
            {tested.error && (
              <p className="field-error">
                <code>{tested.error.code}</code> {tested.error.message}
              </p>
            )}
            {/* Failures are per raw object: they belong to its first entity (itemsToParse makes more). */}
            <TestedEntityFields entity={tested.entity} failures={index === 0 ? result.errors : []} />
            <details className="entity-json">
              <summary>As JSON</summary>
              <pre className="json">{JSON.stringify(tested.entity, null, 2)}</pre>
            </details>
          </div>
        ))}
        {itemFailures.length > 0 && (
          <ul className="field-errors" data-testid="field-errors">
            {itemFailures.map((error, index) => (
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
