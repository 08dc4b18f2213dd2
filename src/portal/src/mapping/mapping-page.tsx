import { useState } from "react";
import { listMappingDataSources } from "../api/mapping.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useResource } from "../shared/use-resource.js";
import { MappingEditor } from "./mapping-editor.js";

/** The mapping of a data source: pick the data source (when there are several), then edit and test. */
export function MappingPage() {
  const dataSources = useResource(listMappingDataSources, "mapping-data-sources", 0);
  const list = dataSources.data?.dataSources ?? [];
  const [chosen, setChosen] = useState<string | undefined>();
  const current = list.find((dataSource) => dataSource.id === chosen) ?? list[0];

  return (
    <div className="mapping-page">
      <div className="page-header">
        <h1>Mapping</h1>
        {list.length > 1 && (
          <label className="toolbar">
            Data source
            <select value={current?.id} onChange={(event) => setChosen(event.target.value)}>
              {list.map((dataSource) => (
                <option key={dataSource.id} value={dataSource.id}>
                  {dataSource.id} ({dataSource.integration})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {dataSources.error && (
        <ErrorMessage title="Could not load the data sources." error={dataSources.error} />
      )}
      {dataSources.loading && (
        <p className="status" data-testid="loading">
          Loading…
        </p>
      )}
      {dataSources.data && list.length === 0 && (
        <p className="empty-state">No data source yet — add one to edit its mapping</p>
      )}
      {current && <MappingEditor key={current.id} dataSource={current.id} />}
    </div>
  );
}
