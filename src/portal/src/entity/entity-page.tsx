import { getEntity } from "../api/get-entity.js";
import { listBlueprints } from "../api/list-blueprints.js";
import type { ApiBlueprint } from "../api/types.js";
import { NavLink } from "../app/nav-link.js";
import { CellValue } from "../catalog/cell-value.js";
import { describeCell } from "../catalog/describe-cell.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useResource } from "../shared/use-resource.js";
import { entityPath } from "./entity-path.js";

/** Relation values as a list of target identifiers, whatever their shape (one, many, none). */
function targetsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" ? [value] : [];
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * One entity: its properties, its relations both ways (what it points at, and what points at it,
 * grouped by blueprint and relation), and which data source wrote it and when.
 */
export function EntityPage({ blueprint, identifier }: { blueprint: string; identifier: string }) {
  const detail = useResource(
    (signal) => getEntity(blueprint, identifier, signal),
    `${blueprint}/${identifier}`,
    0,
  );
  const blueprints = useResource(listBlueprints, "blueprints", 0);
  const definitions = new Map<string, ApiBlueprint>(
    (blueprints.data?.blueprints ?? []).map((definition) => [definition.identifier, definition]),
  );
  const definition = definitions.get(blueprint);
  const blueprintTitle = (id: string) => definitions.get(id)?.title || id;

  if (detail.error) {
    return (
      <div className="entity-page">
        <Breadcrumb blueprint={blueprintTitle(blueprint)} />
        <ErrorMessage title={`Could not load ${identifier}.`} error={detail.error} />
      </div>
    );
  }
  // The page waits for the blueprint definitions too: shown without them and then again with them, its
  // rows reorder and grow and the links below move — under a pointer about to click one.
  if (!detail.data || blueprints.loading) {
    return (
      <p className="status" data-testid="loading">
        Loading {identifier}…
      </p>
    );
  }
  const { entity, incoming } = detail.data;
  const propertyKeys = [
    ...Object.keys(definition?.schema.properties ?? {}),
    ...Object.keys(entity.properties).filter((key) => !definition?.schema.properties[key]),
  ];
  const relationKeys = [
    ...Object.keys(definition?.relations ?? {}),
    ...Object.keys(entity.relations).filter((key) => !definition?.relations?.[key]),
  ];

  return (
    <div className="entity-page" data-testid="entity-page">
      <Breadcrumb blueprint={blueprintTitle(blueprint)} />
      <div className="page-header">
        <h1>{entity.title || entity.identifier}</h1>
        <code className="blueprint-identifier" data-testid="entity-identifier">
          {entity.identifier}
        </code>
      </div>
      <dl className="entity-meta">
        <div>
          <dt>Blueprint</dt>
          <dd>{blueprintTitle(blueprint)}</dd>
        </div>
        <div>
          <dt>Data source</dt>
          <dd data-testid="entity-data-source">{entity.dataSource}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={entity.createdAt}>{formatTime(entity.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <time dateTime={entity.updatedAt}>{formatTime(entity.updatedAt)}</time>
          </dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="properties-title">
        <header className="panel-header">
          <h2 id="properties-title">Properties</h2>
        </header>
        {propertyKeys.length === 0 ? (
          <p className="empty-state">This blueprint has no properties.</p>
        ) : (
          <table className="entity-table compact property-table">
            <tbody>
              {propertyKeys.map((key) => {
                const property = definition?.schema.properties[key];
                return (
                  <tr key={key} data-testid="property-row" data-key={key}>
                    <th scope="row" title={key}>
                      {property?.title || key}
                    </th>
                    <td className="wrap">
                      <CellValue view={describeCell(entity.properties[key], property)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="relations-title" data-testid="outgoing-relations">
        <header className="panel-header">
          <h2 id="relations-title">Relations</h2>
        </header>
        {relationKeys.length === 0 ? (
          <p className="empty-state">This blueprint has no relations.</p>
        ) : (
          <table className="entity-table compact property-table">
            <tbody>
              {relationKeys.map((key) => {
                const relation = definition?.relations?.[key];
                const targets = targetsOf(entity.relations[key]);
                return (
                  <tr key={key} data-testid="relation-row" data-key={key}>
                    <th scope="row" title={relation ? `${key} → ${relation.target}` : key}>
                      {relation?.title || key}
                      {relation && (
                        <span className="relation-target">→ {blueprintTitle(relation.target)}</span>
                      )}
                    </th>
                    <td className="wrap">
                      {targets.length === 0 ? (
                        <span className="cell-empty">—</span>
                      ) : (
                        <ul className="link-list">
                          {targets.map((target) => (
                            <li key={target}>
                              {relation ? (
                                <NavLink
                                  to={entityPath({ blueprint: relation.target, identifier: target })}
                                  active={false}
                                  className="entity-link"
                                >
                                  {target}
                                </NavLink>
                              ) : (
                                target
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="incoming-title" data-testid="incoming-relations">
        <header className="panel-header">
          <h2 id="incoming-title">Referenced by</h2>
        </header>
        {incoming.length === 0 ? (
          <p className="empty-state">No entity's relations point at this one.</p>
        ) : (
          incoming.map((group) => (
            <div
              key={`${group.blueprint}/${group.relation}`}
              className="incoming-group"
              data-testid="incoming-group"
              data-blueprint={group.blueprint}
              data-relation={group.relation}
            >
              <h3>
                {blueprintTitle(group.blueprint)}{" "}
                <span className="relation-target">via {group.relation}</span>
                <span className="index-count">{group.total}</span>
              </h3>
              <ul className="link-list">
                {group.entities.map((source) => (
                  <li key={source.identifier}>
                    <NavLink to={entityPath(source)} active={false} className="entity-link">
                      {source.title || source.identifier}
                    </NavLink>
                  </li>
                ))}
              </ul>
              {group.total > group.entities.length && (
                <p className="status">and {group.total - group.entities.length} more</p>
              )}
            </div>
          ))
        )}
      </section>
    </div>
  );
}

function Breadcrumb({ blueprint }: { blueprint: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <NavLink to="/" active={false} className="entity-link">
        Catalog
      </NavLink>{" "}
      / {blueprint}
    </nav>
  );
}
