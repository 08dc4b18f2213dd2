import { type ApiSecret, listSecrets } from "../api/data-sources.js";
import { NavLink } from "../app/nav-link.js";
import { OBSCURED } from "../data-sources/secret-input.js";
import { ListStatus } from "../shared/list-status.js";
import { useResource } from "../shared/use-resource.js";

const KEPT_IN: Record<ApiSecret["storedIn"], string> = {
  database: "the database, encrypted",
  settings: "the environment or config.yaml",
  // Port's client secret is read from the environment only, never stored.
  environment: "the environment",
};

/** Every secret in use, where it is used and where it is kept — never its value. */
export function SecretsPage() {
  const secrets = useResource(listSecrets, "secrets", 0);
  const list = secrets.data?.secrets ?? [];
  return (
    <div className="secrets-page">
      <div className="page-header">
        <h1>Secrets</h1>
      </div>
      <p className="page-intro">
        Tokens, private keys and webhook secrets are write-only: stored encrypted (AES-256-GCM) and never sent
        back. Replace one on its data source's page; the old value is not needed.
      </p>
      <ListStatus
        list={secrets}
        count={list.length}
        errorTitle="Could not load the secrets."
        empty={
          <>
            <p>No secret is stored yet.</p>
            <p>Secrets appear here when a data source's token, private key or webhook secret is set.</p>
          </>
        }
      />
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="entity-table">
            <thead>
              <tr>
                <th>Setting</th>
                <th>Value</th>
                <th>Used by</th>
                <th>Kept in</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.map((secret) => (
                <tr
                  key={`${secret.dataSource ?? secret.storedIn}/${secret.setting}`}
                  data-testid="secret-row"
                  data-data-source={secret.dataSource ?? undefined}
                  data-setting={secret.setting}
                >
                  <td>
                    <code>{secret.setting}</code>
                  </td>
                  <td className="secret-mask">{OBSCURED}</td>
                  <td>
                    {secret.dataSource === null ? (
                      secret.dataSourceName
                    ) : (
                      <NavLink to={`/data-sources/${encodeURIComponent(secret.dataSource)}`} active={false}>
                        {secret.dataSourceName}
                      </NavLink>
                    )}
                  </td>
                  <td>{KEPT_IN[secret.storedIn]}</td>
                  <td>{secret.updatedAt ? new Date(secret.updatedAt).toLocaleString() : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
