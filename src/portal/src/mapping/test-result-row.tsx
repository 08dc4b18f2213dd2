import type { TestMappingResponse } from "../api/types.js";
import { FailureList } from "./failure-list.js";
import { TestedEntityFields } from "./tested-entity-fields.js";

type Result = TestMappingResponse["results"][number];

/**
 * One raw object beside what the mapping made of it: each entity's fields with its own failed fields'
 * errors in place, whether the catalog would take it, and the failures that gave no entity (selector,
 * identifier, itemsToParse), with the element of the parsed array they came from.
 */
export function TestResultRow({ result }: { result: Result }) {
  return (
    <div className="test-result" data-testid="test-result">
      <pre className="json">{JSON.stringify(result.raw, null, 2)}</pre>
      <div className="test-outcome">
        {result.skipped && <p className="outcome-note">Not run: the test took too long.</p>}
        {result.filteredOut && (
          <p className="outcome-note" data-testid="filtered-out">
            {result.elements
              ? `${describeElements(result.elements.filteredOut)} filtered out by the selector query.`
              : "Filtered out by the selector query."}
          </p>
        )}
        {result.dropped && (
          <p className="outcome-note" data-testid="dropped">
            {result.elements ? `${describeElements(result.elements.dropped)} dropped` : "Dropped"}: the
            identifier or blueprint came out empty (Ocean skips these).
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
            <TestedEntityFields entity={tested.entity} failures={tested.errors} />
            <details className="entity-json">
              <summary>As JSON</summary>
              <pre className="json">{JSON.stringify(tested.entity, null, 2)}</pre>
            </details>
          </div>
        ))}
        <FailureList failures={result.errors} />
      </div>
    </div>
  );
}

/** Elements of the parsed array, numbered as the failure list numbers them: `Element [2]`, `Elements [0], [3]`. */
function describeElements(elements: readonly number[]): string {
  const listed = elements.map((element) => `[${element}]`).join(", ");
  return elements.length === 1 ? `Element ${listed}` : `Elements ${listed}`;
}
