import { useState } from "react";

export const OBSCURED = "••••••••";

/**
 * A write-only setting. A stored value is never sent to the portal: it shows as •••••••• with
 * "Replace", which needs only the new value. Left alone, the stored value is kept.
 */
export function SecretInput({
  name,
  stored,
  value,
  onChange,
  disabled,
}: {
  name: string;
  stored: boolean;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  disabled?: boolean;
}) {
  const [replacing, setReplacing] = useState(false);
  if (stored && !replacing) {
    return (
      <span className="secret-stored">
        <span className="secret-mask" data-testid={`secret-${name}`}>
          {OBSCURED}
        </span>
        {!disabled && (
          <button type="button" onClick={() => setReplacing(true)} data-testid={`replace-${name}`}>
            Replace
          </button>
        )}
      </span>
    );
  }
  return (
    <span className="secret-stored">
      <input
        id={`setting-${name}`}
        name={name}
        type="password"
        autoComplete="off"
        placeholder={stored ? "new value" : ""}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value)}
      />
      {stored && (
        <button
          type="button"
          onClick={() => {
            setReplacing(false);
            onChange(undefined);
          }}
        >
          Keep current
        </button>
      )}
    </span>
  );
}
