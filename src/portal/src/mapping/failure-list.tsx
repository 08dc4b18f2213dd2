import type { FieldFailure } from "./tested-entity-fields.js";

/** Failures listed by field (or `item`), each with the itemsToParse element it came from, if any. */
export function FailureList({ failures }: { failures: readonly FieldFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <ul className="field-errors" data-testid="field-errors">
      {failures.map((failure, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: a field can fail twice (array items).
          key={index}
          className={failure.empty ? "field-empty" : "field-error"}
          data-element={failure.element}
        >
          {failure.element !== undefined && (
            <span className="failure-element">element [{failure.element}] </span>
          )}
          <code>{failure.field || "item"}</code> {failure.message}
        </li>
      ))}
    </ul>
  );
}
