import { useState } from "react";
import { type ApiError, toApiError } from "../api/api-error.js";
import { testMapping } from "../api/mapping.js";
import type { TestMappingResponse } from "../api/types.js";
import { ErrorMessage } from "../shared/error-message.js";
import { TestResultRow } from "./test-result-row.js";

/**
 * "Test mapping": the real mapping engine runs one resource of the text in the editor (saved or not)
 * over the kind's stored raw examples, or over an object pasted here, and shows raw → entity.
 */
export function MappingTestPanel({
  dataSource,
  text,
  resources,
}: {
  dataSource: string;
  text: string;
  resources: Array<{ index: number; kind: string }>;
}) {
  const [chosen, setChosen] = useState(0);
  const [source, setSource] = useState<"examples" | "pasted">("examples");
  const [pasted, setPasted] = useState("");
  const [result, setResult] = useState<TestMappingResponse | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [running, setRunning] = useState(false);
  const resource = resources.find((candidate) => candidate.index === chosen) ?? resources[0];

  async function run() {
    if (!resource) return;
    setError(undefined);
    let items: Array<Record<string, unknown>> | undefined;
    if (source === "pasted") {
      try {
        const value: unknown = JSON.parse(pasted);
        items = (Array.isArray(value) ? value : [value]) as Array<Record<string, unknown>>;
      } catch (parseError) {
        setError(toApiError(new Error(`The pasted text is not JSON: ${(parseError as Error).message}`)));
        return;
      }
    }
    setRunning(true);
    try {
      setResult(
        await testMapping({ dataSource, text, resourceIndex: resource.index, ...(items ? { items } : {}) }),
      );
    } catch (failure) {
      setResult(undefined);
      setError(toApiError(failure));
    } finally {
      setRunning(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="test-title" data-testid="mapping-test">
      <header className="panel-header">
        <h2 id="test-title">Test mapping</h2>
      </header>
      {resources.length === 0 ? (
        <p className="empty-state">Fix the mapping's errors to test it.</p>
      ) : (
        <div className="test-controls">
          <label>
            Resource
            <select
              data-testid="test-resource"
              value={resource?.index}
              onChange={(event) => setChosen(Number(event.target.value))}
            >
              {resources.map((candidate) => (
                <option key={candidate.index} value={candidate.index}>
                  {candidate.index}: {candidate.kind}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented">
            <legend>Run over</legend>
            <label>
              <input type="radio" checked={source === "examples"} onChange={() => setSource("examples")} />
              Stored raw examples
            </label>
            <label>
              <input
                type="radio"
                data-testid="test-source-pasted"
                checked={source === "pasted"}
                onChange={() => setSource("pasted")}
              />
              A pasted raw object
            </label>
          </fieldset>
          <button
            type="button"
            className="primary"
            data-testid="run-test"
            disabled={running || (source === "pasted" && pasted.trim() === "")}
            onClick={() => void run()}
          >
            {running ? "Running…" : "Run test"}
          </button>
        </div>
      )}
      {source === "pasted" && resources.length > 0 && (
        <textarea
          className="pasted-json"
          aria-label="Raw object (JSON)"
          data-testid="test-pasted"
          placeholder='{"id": 1, "name": "my-repo", …} — or a list of objects'
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
          spellCheck={false}
          rows={8}
        />
      )}
      {error && <ErrorMessage title="The test did not run." error={error} />}
      {result && result.results.length === 0 && (
        <p className="empty-state" data-testid="no-examples">
          {result.sendRawDataExamples
            ? `No raw examples of ${result.kind} are stored yet — run a resync, or paste an object.`
            : `“Send raw data examples” is off for this data source, so no ${result.kind} examples are kept — turn it on in its application settings and resync, or paste an object.`}
        </p>
      )}
      {result && result.results.length > 0 && (
        <div className="test-results" data-testid="test-results">
          <div className="test-result-head">
            <span>Raw object ({result.source})</span>
            <span>Result</span>
          </div>
          {result.results.map((item, index) => (
            // Results are positional: the nth raw object sent.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <TestResultRow key={index} result={item} />
          ))}
        </div>
      )}
    </section>
  );
}
