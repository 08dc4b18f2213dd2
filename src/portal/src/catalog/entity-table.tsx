import type { ApiEntity } from "../api/types.js";
import { CellValue } from "./cell-value.js";
import type { Column } from "./columns.js";

/** A blueprint's entities, one row each, one column per identifier, title, property and relation. */
export function EntityTable({ columns, entities }: { columns: Column[]; entities: ApiEntity[] }) {
  return (
    <div className="table-scroll">
      <table className="entity-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" title={column.hint}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => (
            <tr key={entity.identifier} data-testid="entity-row" data-identifier={entity.identifier}>
              {columns.map((column) => (
                <td key={column.key} data-column={column.key}>
                  <CellValue view={column.cell(entity)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
