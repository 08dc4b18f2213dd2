import { type FormEvent, useState } from "react";
import { type ApiError, toApiError } from "../api/api-error.js";
import {
  type ApiDataSource,
  type ApiIntegrationType,
  type ApiSettingSpec,
  createDataSource,
  type DataSourceInput,
  type InstallationMethod,
  type ListIntegrationsResponse,
  updateDataSource,
} from "../api/data-sources.js";
import { ErrorMessage } from "../shared/error-message.js";
import { FieldError } from "./field-error.js";
import { InfoTip } from "./info-tip.js";
import { INSTALLATION_METHOD_TEXT } from "./installation-methods.js";
import { describeInterval, RESYNC_INTERVALS } from "./resync-interval.js";
import { SettingField } from "./setting-field.js";

const RESYNC_INTERVAL_HELP =
  "How often Portolan reads the whole organization again and removes what is gone: 1 hour to 1 day.";
const RAW_EXAMPLES_HELP =
  "Keep a few raw objects per kind from each resync, so a mapping can be tested on real data. On by default.";

/** The tab (Ocean's `tabSwitcher`) that shows the settings a stored data source already uses. */
function initialTab(tab: ApiSettingSpec, type: ApiIntegrationType, initial: ApiDataSource | undefined) {
  const chosen = initial?.integrationSettings[tab.name];
  if (typeof chosen === "string") return chosen;
  const inUse = tab.enum?.find((option) =>
    type.settings.some(
      (setting) => setting.shownWhen?.equals === option && initial?.secrets[setting.name] === "set",
    ),
  );
  return inUse ?? (tab.default as string | undefined);
}

/**
 * Adding or editing a data source, in the seed's order: the integration, the installation method,
 * the integration settings (each with ⓘ), the application settings; saved and validated by the
 * server, each refusal shown at its field.
 */
export function DataSourceForm({
  integrations,
  initial,
  onSaved,
}: {
  integrations: ListIntegrationsResponse;
  initial?: ApiDataSource;
  onSaved: (saved: ApiDataSource) => void;
}) {
  const [integration, setIntegration] = useState<string | undefined>(
    initial?.integration ??
      (integrations.integrations.length === 1 ? integrations.integrations[0]?.type : undefined),
  );
  const [method, setMethod] = useState<InstallationMethod | undefined>(initial?.installationMethod);
  const [name, setName] = useState(initial?.name ?? "");
  const [values, setValues] = useState<Record<string, unknown>>(() => {
    const start = { ...(initial?.integrationSettings ?? {}) };
    const type = integrations.integrations.find((candidate) => candidate.type === initial?.integration);
    for (const tab of type?.settings.filter((setting) => setting.format === "tabSwitcher") ?? []) {
      const chosen = initialTab(tab, type as ApiIntegrationType, initial);
      if (chosen !== undefined) start[tab.name] = chosen;
    }
    return start;
  });
  const [secrets, setSecrets] = useState<Record<string, string | undefined>>({});
  const [interval, setResyncInterval] = useState(initial?.resyncIntervalMinutes ?? 60);
  const [sendRawDataExamples, setSendRawDataExamples] = useState(initial?.sendRawDataExamples ?? true);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | undefined>();
  const [saving, setSaving] = useState(false);

  const type = integrations.integrations.find((candidate) => candidate.type === integration);
  const intervals = RESYNC_INTERVALS.includes(interval as (typeof RESYNC_INTERVALS)[number])
    ? [...RESYNC_INTERVALS]
    : [...RESYNC_INTERVALS, interval].sort((a, b) => a - b);

  function chooseIntegration(choice: ApiIntegrationType) {
    setIntegration(choice.type);
    const tabs = choice.settings.filter((setting) => setting.format === "tabSwitcher");
    setValues(Object.fromEntries(tabs.map((tab) => [tab.name, tab.default])));
  }

  function shown(setting: ApiSettingSpec): boolean {
    if (!setting.shownWhen) return true;
    const current = values[setting.shownWhen.setting];
    return current === undefined || current === setting.shownWhen.equals;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!type || !method) return;
    setSaving(true);
    setError(undefined);
    setFieldErrors({});
    const integrationSettings: Record<string, unknown> = {};
    for (const setting of type.settings.filter(shown)) {
      const value = setting.sensitive ? secrets[setting.name] : values[setting.name];
      if (value !== undefined && value !== "") integrationSettings[setting.name] = value;
    }
    const input: DataSourceInput = {
      name,
      integration: type.type,
      installationMethod: method,
      integrationSettings,
      applicationSettings: { resyncIntervalMinutes: interval, sendRawDataExamples },
    };
    try {
      const saved = initial ? await updateDataSource(initial.id, input) : await createDataSource(input);
      setSecrets({});
      onSaved(saved);
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      setFieldErrors(Object.fromEntries(apiError.fields.map((field) => [field.field, field.message])));
    } finally {
      setSaving(false);
    }
  }

  const step = (number: number, title: string) => (
    <h2 className="step-title">
      <span className="step-number">{number}</span>
      {title}
    </h2>
  );

  return (
    <form className="data-source-form" onSubmit={save} noValidate data-testid="data-source-form">
      <section className="form-section">
        {step(1, "Integration")}
        <div className="choice-grid">
          {integrations.integrations.map((choice) => (
            <button
              type="button"
              key={choice.type}
              className={integration === choice.type ? "choice selected" : "choice"}
              aria-pressed={integration === choice.type}
              disabled={initial !== undefined}
              onClick={() => chooseIntegration(choice)}
              data-testid={`integration-${choice.type}`}
            >
              <strong>{choice.title}</strong>
              <span>{choice.description}</span>
            </button>
          ))}
        </div>
        <FieldError message={fieldErrors.integration} />
      </section>

      {type && (
        <section className="form-section">
          {step(2, "Installation method")}
          <div className="choice-grid">
            {integrations.installationMethods.map((choice) => (
              <button
                type="button"
                key={choice}
                className={method === choice ? "choice selected" : "choice"}
                aria-pressed={method === choice}
                onClick={() => setMethod(choice)}
                data-testid={`method-${choice}`}
              >
                <strong>{INSTALLATION_METHOD_TEXT[choice].title}</strong>
                <span>{INSTALLATION_METHOD_TEXT[choice].description}</span>
              </button>
            ))}
          </div>
          <FieldError message={fieldErrors.installationMethod} />
        </section>
      )}

      {type && method && (
        <>
          <section className="form-section">
            {step(3, `${type.title} integration settings`)}
            <div className={fieldErrors.name ? "field has-error" : "field"}>
              <label htmlFor="data-source-name">Data source name</label>
              <input
                id="data-source-name"
                name="name"
                value={name}
                placeholder="e.g. Acme production"
                onChange={(event) => setName(event.target.value)}
              />
              <FieldError message={fieldErrors.name} />
            </div>
            {type.settings
              .filter((setting) => setting.format === "tabSwitcher")
              .map((tab) => (
                <div className="field" key={tab.name}>
                  <span className="field-label">
                    <code>{tab.name}</code>
                    <InfoTip name={tab.name} text={tab.description} />
                  </span>
                  <div className="tabs" role="tablist">
                    {tab.enum?.map((option) => (
                      <button
                        type="button"
                        role="tab"
                        key={option}
                        aria-selected={values[tab.name] === option}
                        className={values[tab.name] === option ? "tab selected" : "tab"}
                        onClick={() => setValues({ ...values, [tab.name]: option })}
                      >
                        {option}
                      </button>
                    ))}
                  </div>
                </div>
              ))}
            {type.settings
              .filter((setting) => setting.format !== "tabSwitcher" && shown(setting))
              .map((setting) => (
                <SettingField
                  key={setting.name}
                  spec={{
                    ...setting,
                    required:
                      setting.required ||
                      (setting.shownWhen !== undefined && values[setting.shownWhen.setting] !== undefined),
                  }}
                  value={setting.sensitive ? secrets[setting.name] : values[setting.name]}
                  stored={initial?.secrets[setting.name] === "set"}
                  error={fieldErrors[`integrationSettings.${setting.name}`]}
                  readOnly={false}
                  onChange={(value) =>
                    setting.sensitive
                      ? setSecrets({ ...secrets, [setting.name]: value as string | undefined })
                      : setValues({ ...values, [setting.name]: value })
                  }
                />
              ))}
          </section>

          <section className="form-section">
            {step(4, "Application settings")}
            <div
              className={
                fieldErrors["applicationSettings.resyncIntervalMinutes"] ? "field has-error" : "field"
              }
            >
              <label htmlFor="resync-interval">
                Resync interval
                <InfoTip name="resyncInterval" text={RESYNC_INTERVAL_HELP} />
              </label>
              <select
                id="resync-interval"
                name="resyncIntervalMinutes"
                value={interval}
                onChange={(event) => setResyncInterval(Number(event.target.value))}
              >
                {intervals.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    Every {describeInterval(minutes)}
                  </option>
                ))}
              </select>
              <FieldError message={fieldErrors["applicationSettings.resyncIntervalMinutes"]} />
            </div>
            <div className="field">
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  name="sendRawDataExamples"
                  checked={sendRawDataExamples}
                  onChange={(event) => setSendRawDataExamples(event.target.checked)}
                />
                Send raw data examples
                <InfoTip name="sendRawDataExamples" text={RAW_EXAMPLES_HELP} />
              </label>
            </div>
          </section>

          {!initial && (
            <p className="page-intro mapping-note">
              The mapping starts as the {type.title} default. Once saved, edit it on the data source's page —
              checked as you type, and tested on the raw examples of its first resync.
            </p>
          )}

          <div className="form-actions">
            {error && (
              <ErrorMessage
                title={error.fields.length > 0 ? "Not saved: fix the marked fields." : "Not saved."}
                error={error}
              />
            )}
            <button type="submit" className="primary" disabled={saving} data-testid="save-data-source">
              {saving ? "Saving…" : initial ? "Save changes" : "Save data source"}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
