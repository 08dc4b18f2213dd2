import type { ApiDataSource, ListIntegrationsResponse } from "../api/data-sources.js";
import { InfoTip } from "./info-tip.js";
import { OBSCURED } from "./secret-input.js";

/** The data source from settings: shown with the same ⓘ descriptions, changed only where it is configured. */
export function ReadOnlySettings({
  source,
  integrations,
}: {
  source: ApiDataSource;
  integrations: ListIntegrationsResponse | undefined;
}) {
  const type = integrations?.integrations.find((candidate) => candidate.type === source.integration);
  return (
    <section className="form-section">
      <h2>Integration settings</h2>
      <p className="page-intro">
        This data source is configured by the environment (<code>OCEAN__INTEGRATION__CONFIG__…</code>) or{" "}
        <code>config.yaml</code>: change it there and restart Portolan. Add data sources here with “+ Data
        source”.
      </p>
      <table className="entity-table compact settings-table">
        <tbody>
          {(type?.settings ?? []).map((setting) => {
            const value = setting.sensitive
              ? source.secrets[setting.name] === "set"
                ? OBSCURED
                : undefined
              : source.integrationSettings[setting.name];
            return (
              <tr key={setting.name} data-testid={`setting-row-${setting.name}`}>
                <th scope="row">
                  <code>{setting.name}</code> <InfoTip name={setting.name} text={setting.description} />
                </th>
                <td>{value === undefined ? <span className="cell-empty">not set</span> : String(value)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
