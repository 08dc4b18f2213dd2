import { useEffect, useState } from "react";
import { type ApiError, toApiError } from "../api/api-error.js";
import { getMapping, getMappingVersion, saveMapping, validateMapping } from "../api/mapping.js";
import type { ValidateMappingResponse } from "../api/types.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useDebouncedValue } from "../shared/use-debounced-value.js";
import { useResource } from "../shared/use-resource.js";
import { CodeEditor } from "./code-editor.js";
import { MappingTestPanel } from "./mapping-test-panel.js";
import { ProblemList } from "./problem-list.js";

/** Pause in typing after which the text is checked by the server's parser. */
const VALIDATE_AFTER_MS = 400;

/**
 * One data source's mapping: the editor checked as you type, save (a new kept version, used from the
 * next resync and live event on), the kept versions to restore, and the mapping test below. `onSaved`
 * tells the page (a data source that did not start is started again by a save).
 */
export function MappingEditor({ dataSource, onSaved }: { dataSource: string; onSaved?: () => void }) {
  const [reloadKey, setReloadKey] = useState(0);
  const mapping = useResource((signal) => getMapping(dataSource, signal), dataSource, reloadKey);
  const [text, setText] = useState<string | undefined>();
  const [check, setCheck] = useState<ValidateMappingResponse | undefined>();
  const [checkError, setCheckError] = useState<ApiError | undefined>();
  const [saveError, setSaveError] = useState<ApiError | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const saved = mapping.data?.text;
  const draft = text ?? saved;
  const settled = useDebouncedValue(draft, VALIDATE_AFTER_MS);

  useEffect(() => {
    if (settled === undefined) return;
    const controller = new AbortController();
    validateMapping(dataSource, settled, controller.signal).then(
      (result) => {
        setCheck(result);
        setCheckError(undefined);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setCheckError(toApiError(error));
      },
    );
    return () => controller.abort();
  }, [dataSource, settled]);

  async function save() {
    if (draft === undefined) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const result = await saveMapping(dataSource, draft);
      setNotice(`Saved as version ${result.version.version}. The next resync and live events use it.`);
      setText(undefined);
      setReloadKey((key) => key + 1);
      onSaved?.();
    } catch (error) {
      setSaveError(toApiError(error));
    } finally {
      setSaving(false);
    }
  }

  async function restore(version: number) {
    setSaveError(undefined);
    try {
      const kept = await getMappingVersion(dataSource, version);
      setText(kept.text);
      setNotice(`Version ${version} is in the editor. Save to use it again.`);
    } catch (error) {
      setSaveError(toApiError(error));
    }
  }

  if (mapping.error) return <ErrorMessage title="Could not load the mapping." error={mapping.error} />;
  if (draft === undefined) {
    return (
      <p className="status" data-testid="loading">
        Loading the mapping…
      </p>
    );
  }
  const checked = check !== undefined && settled === draft;
  const errors = check?.problems.filter((problem) => problem.severity === "error").length ?? 0;
  const changed = draft !== saved;

  return (
    <>
      <section className="panel" aria-labelledby="editor-title">
        <header className="panel-header">
          <h2 id="editor-title">
            Port app config <code className="blueprint-identifier">{dataSource}</code>
          </h2>
          <span
            className={`check-status ${!checked ? "pending" : errors > 0 ? "invalid" : "valid"}`}
            data-testid="check-status"
          >
            {!checked ? "Checking…" : errors > 0 ? `${errors} error${errors === 1 ? "" : "s"}` : "Valid"}
            {checked && check && check.problems.length > errors
              ? ` · ${check.problems.length - errors} warning${check.problems.length - errors === 1 ? "" : "s"}`
              : ""}
          </span>
          <div className="toolbar">
            <button type="button" disabled={!changed} onClick={() => setText(undefined)}>
              Discard changes
            </button>
            <button
              type="button"
              className="primary"
              data-testid="save-mapping"
              disabled={!changed || saving || !checked || errors > 0}
              onClick={() => void save()}
            >
              {saving ? "Saving…" : "Save"}
            </button>
          </div>
        </header>
        {notice && (
          <p className="notice" data-testid="notice">
            {notice}
          </p>
        )}
        {saveError && <ErrorMessage title="The mapping was not saved." error={saveError} />}
        {checkError && <ErrorMessage title="Could not check the mapping." error={checkError} />}
        <CodeEditor
          value={draft}
          onChange={(value) => {
            setText(value);
            setNotice(undefined);
          }}
          problems={checked ? (check?.problems ?? []) : []}
          label="Mapping (YAML)"
        />
        {checked && check && <ProblemList problems={check.problems} />}
      </section>

      <MappingTestPanel
        dataSource={dataSource}
        text={draft}
        resources={checked ? (check?.resources ?? []) : []}
      />

      <section className="panel" aria-labelledby="versions-title">
        <header className="panel-header">
          <h2 id="versions-title">Saved versions</h2>
        </header>
        {mapping.data && mapping.data.versions.length === 0 ? (
          <p className="empty-state">
            No version saved yet: the mapping in use is the one this data source started with. Each save is
            kept here, so a bad one can be reverted.
          </p>
        ) : (
          <table className="entity-table compact" data-testid="versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {mapping.data?.versions.map((version, index) => (
                <tr key={version.version}>
                  <td>
                    {version.version}
                    {index === 0 && <span className="badge badge-done">in use</span>}
                  </td>
                  <td>
                    <time dateTime={version.savedAt}>{new Date(version.savedAt).toLocaleString()}</time>
                  </td>
                  <td>{version.savedBy}</td>
                  <td>
                    {index > 0 && (
                      <button type="button" onClick={() => void restore(version.version)}>
                        Restore
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
