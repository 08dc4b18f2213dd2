import type { ApiEntity } from "../api/types.js";
import { FailureList } from "./failure-list.js";

export interface FieldFailure {
  field: string;
  message: string;
  /** The expression gave null or nothing: shown as a note, not as an error. */
  empty?: true;
  /** With itemsToParse, the element of the parsed array whose object failed (when it gave no entity). */
  element?: number;
}

interface FieldRow {
  field: string;
  value: unknown;
  /** The field came out with no value (a failed or empty expression). */
  missing: boolean;
  failures: FieldFailure[];
}

const TOP_LEVEL_FIELDS = ["identifier", "title", "blueprint", "icon", "team"] as const;

/**
 * The entity's fields in mapping order — identifier, title, blueprint, then each property and
 * relation — each with the failures of its expression, so an error shows where the value would be.
 * Failures of fields the entity lacks get a row of their own; the rest (the selector, itemsToParse)
 * are the item's, returned apart.
 */
export function placeFailures(
  entity: ApiEntity,
  failures: readonly FieldFailure[],
): { rows: FieldRow[]; unplaced: FieldFailure[] } {
  const record = entity as unknown as Record<string, unknown>;
  const rows: FieldRow[] = [];
  for (const field of TOP_LEVEL_FIELDS) {
    if (record[field] !== undefined) rows.push(row(field, record[field]));
  }
  for (const [key, value] of Object.entries(entity.properties)) rows.push(row(`properties.${key}`, value));
  for (const [key, value] of Object.entries(entity.relations)) rows.push(row(`relations.${key}`, value));
  const unplaced: FieldFailure[] = [];
  for (const failure of failures) {
    const placed = rows.find((candidate) => candidate.field === failure.field);
    if (placed) placed.failures.push(failure);
    else if (/^(properties|relations)\.|^(title|icon|team)$/.test(failure.field)) {
      rows.push({ field: failure.field, value: undefined, missing: true, failures: [failure] });
    } else unplaced.push(failure);
  }
  return { rows, unplaced };
}

function row(field: string, value: unknown): FieldRow {
  return { field, value, missing: value === null || value === undefined, failures: [] };
}

/**
 * One tested entity as a field list, each failed field marked in place with its error, and below it
 * the failures no field of it shows.
 */
export function TestedEntityFields({
  entity,
  failures,
}: {
  entity: ApiEntity;
  failures: readonly FieldFailure[];
}) {
  const { rows, unplaced } = placeFailures(entity, failures);
  return (
    <>
      <table className="entity-table compact tested-fields">
        <tbody>
          {rows.map((field) => (
            <tr
              key={field.field}
              className={field.failures.some((failure) => !failure.empty) ? "field-failed" : undefined}
              data-testid="tested-field"
              data-field={field.field}
            >
              <th scope="row">
                <code>{field.field}</code>
              </th>
              <td className="wrap">
                {field.missing ? (
                  <span className="cell-empty">null</span>
                ) : (
                  <code className="field-value">
                    {typeof field.value === "string" ? field.value : JSON.stringify(field.value)}
                  </code>
                )}
                {field.failures.map((failure, index) => (
                  <p
                    // biome-ignore lint/suspicious/noArrayIndexKey: a field can fail twice (array items).
                    key={index}
                    className={failure.empty ? "field-empty" : "field-error"}
                    data-testid={failure.empty ? "field-empty" : "field-error"}
                  >
                    {failure.message}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FailureList failures={unplaced} />
    </>
  );
}
