import { useId } from "react";

/** ⓘ with the setting's description from the integration's spec, shown on hover and on keyboard focus. */
export function InfoTip({ name, text }: { name: string; text: string }) {
  const tipId = useId();
  return (
    <button
      type="button"
      className="info-tip"
      aria-label={`About ${name}`}
      aria-describedby={tipId}
      data-testid={`info-${name}`}
    >
      {/* ⓘ drawn with CSS: not every system font has the glyph. */}
      <span className="info-icon" aria-hidden="true">
        i
      </span>
      <span className="info-tip-text" role="tooltip" id={tipId}>
        {text}
      </span>
    </button>
  );
}
