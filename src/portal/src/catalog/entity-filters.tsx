import type { EntityQuery } from "../api/list-entities.js";
import type { ApiBlueprint } from "../api/types.js";

/** A blueprint's search box and filters: identifier/title text, data source, one property's value. */
export function EntityFilters({
  blueprint,
  dataSources,
  query,
  onQuery,
}: {
  blueprint: ApiBlueprint;
  dataSources: string[];
  query: EntityQuery;
  onQuery: (query: EntityQuery) => void;
}) {
  const propertyKeys = Object.keys(blueprint.schema.properties);
  const property = query.property ?? { key: propertyKeys[0] ?? "", value: "" };
  const label = (text: string) => `${text} (${blueprint.title || blueprint.identifier})`;
  return (
    <div className="entity-filters" data-testid="entity-filters">
      <input
        type="search"
        className="search"
        placeholder="Search identifier or title"
        aria-label={label("Search")}
        data-testid="entity-search"
        value={query.search ?? ""}
        onChange={(event) => onQuery({ ...query, search: event.target.value })}
      />
      {dataSources.length > 0 && (
        <select
          aria-label={label("Data source")}
          value={query.dataSource ?? ""}
          onChange={(event) => onQuery({ ...query, dataSource: event.target.value })}
        >
          <option value="">All data sources</option>
          {dataSources.map((dataSource) => (
            <option key={dataSource} value={dataSource}>
              {dataSource}
            </option>
          ))}
        </select>
      )}
      {propertyKeys.length > 0 && (
        <span className="property-filter">
          <select
            aria-label={label("Filter property")}
            value={property.key}
            onChange={(event) => onQuery({ ...query, property: { ...property, key: event.target.value } })}
          >
            {propertyKeys.map((key) => (
              <option key={key} value={key}>
                {blueprint.schema.properties[key]?.title || key}
              </option>
            ))}
          </select>
          <span aria-hidden="true">=</span>
          <input
            type="text"
            placeholder="value"
            aria-label={label("Filter value")}
            data-testid="property-value"
            value={property.value}
            onChange={(event) => onQuery({ ...query, property: { ...property, value: event.target.value } })}
          />
        </span>
      )}
    </div>
  );
}
