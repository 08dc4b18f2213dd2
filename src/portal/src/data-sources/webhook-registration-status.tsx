import { useCallback, useState } from "react";
import { getDataSource, type WebhookRegistration } from "../api/data-sources.js";
import { useInterval } from "../shared/use-interval.js";
import { useResource } from "../shared/use-resource.js";

/** Registration runs in the background after a save: looked at again until it has finished. */
const REFRESH_MS = 2_000;

const STATUS_TEXT: Record<string, string> = {
  registered: "registered",
  patched: "patched (an existing hook updated)",
  unchanged: "already registered",
  skipped: "skipped",
  failed: "failed",
};

const BADGE: Record<string, string> = {
  registered: "completed",
  patched: "completed",
  unchanged: "completed",
  skipped: "skipped",
  failed: "failed",
};

/** How registering a self-hosted data source's webhook went, per organization or repository. */
export function WebhookRegistrationStatus({
  id,
  initial,
}: {
  id: string;
  initial: WebhookRegistration | null;
}) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  const latest = useResource((signal) => getDataSource(id, signal), `webhook:${id}`, refreshKey);
  const registration = latest.data ? latest.data.webhookRegistration : initial;
  useInterval(refresh, registration?.state === "finished" ? null : REFRESH_MS);

  return (
    <section className="form-section" data-testid="webhook-registration">
      <h2>Webhook registration</h2>
      {registration === null && (
        <p className="empty-state">Not registered yet: save the data source to register it.</p>
      )}
      {registration?.state === "pending" && <p className="status">Registering the webhook…</p>}
      {registration?.state === "finished" && registration.outcomes.length === 0 && (
        <p className="empty-state">No organization to register a webhook on.</p>
      )}
      {registration?.state === "finished" && registration.outcomes.length > 0 && (
        <table className="entity-table compact">
          <thead>
            <tr>
              <th>On</th>
              <th>Result</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {registration.outcomes.map((outcome) => (
              <tr key={outcome.target} data-testid="webhook-outcome" data-status={outcome.status}>
                <td>{outcome.target}</td>
                <td>
                  <span className={`badge badge-${BADGE[outcome.status]}`}>
                    {STATUS_TEXT[outcome.status]}
                  </span>
                </td>
                <td className="wrap">{outcome.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {registration?.state === "finished" && (
        <p className="status">Finished {new Date(registration.finishedAt).toLocaleString()}.</p>
      )}
    </section>
  );
}
