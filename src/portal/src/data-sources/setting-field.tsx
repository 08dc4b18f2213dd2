import type { ApiSettingSpec } from "../api/data-sources.js";
import { FieldError } from "./field-error.js";
import { InfoTip } from "./info-tip.js";
import { SecretInput } from "./secret-input.js";

/** One integration setting: its name, ⓘ with its spec description, the input its type calls for, its error. */
export function SettingField({
  spec,
  value,
  stored,
  error,
  readOnly,
  onChange,
}: {
  spec: ApiSettingSpec;
  value: unknown;
  /** For a sensitive setting: whether a value is stored. */
  stored: boolean;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: unknown) => void;
}) {
  const id = `setting-${spec.name}`;
  return (
    <div className={error ? "field has-error" : "field"} data-testid={`field-${spec.name}`}>
      <label htmlFor={id}>
        <code>{spec.name}</code>
        {spec.required && <span className="required"> required</span>}
        <InfoTip name={spec.name} text={spec.description} />
      </label>
      {spec.sensitive ? (
        <SecretInput
          name={spec.name}
          stored={stored}
          value={value as string | undefined}
          onChange={onChange}
          disabled={readOnly}
        />
      ) : spec.type === "boolean" ? (
        <input
          id={id}
          name={spec.name}
          type="checkbox"
          className="checkbox"
          disabled={readOnly}
          checked={value === true || value === "true"}
          onChange={(event) => onChange(event.target.checked)}
        />
      ) : (
        <input
          id={id}
          name={spec.name}
          type={spec.type === "integer" ? "number" : "text"}
          readOnly={readOnly}
          placeholder={spec.default === undefined ? "" : String(spec.default)}
          value={value === undefined || value === null ? "" : String(value)}
          onChange={(event) =>
            onChange(
              spec.type === "integer" && event.target.value !== ""
                ? Number(event.target.value)
                : event.target.value,
            )
          }
        />
      )}
      <FieldError message={error} />
    </div>
  );
}
