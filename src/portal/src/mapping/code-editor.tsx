import type { ApiMappingProblem } from "../api/types.js";

/** Pixels per line; the gutter, the markers and the text area share it so they stay aligned. */
const LINE_HEIGHT = 20;

/**
 * A plain text area with line numbers, and each problem marked at its line: the gutter number turns
 * red (error) or amber (warning) with the message on hover, and the line is tinted. The whole block
 * grows with the text and scrolls in one piece, so gutter and text never drift apart.
 */
export function CodeEditor({
  value,
  onChange,
  problems,
  label,
}: {
  value: string;
  onChange: (value: string) => void;
  problems: ApiMappingProblem[];
  label: string;
}) {
  const lineCount = value.split("\n").length;
  const byLine = new Map<number, ApiMappingProblem[]>();
  for (const problem of problems) {
    if (problem.line === undefined) continue;
    byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem]);
  }
  const severityAt = (line: number) =>
    byLine.get(line)?.some((problem) => problem.severity === "error") ? "error" : "warning";

  return (
    <div className="code-editor" style={{ lineHeight: `${LINE_HEIGHT}px` }}>
      {/* The inner row is as tall as the text, so the gutter's background reaches the last line. */}
      <div className="code-rows">
        <div className="code-gutter" aria-hidden="true">
          {Array.from({ length: lineCount }, (_, index) => {
            const line = index + 1;
            const marked = byLine.get(line);
            return (
              <div
                key={line}
                className={marked ? `gutter-line marked ${severityAt(line)}` : "gutter-line"}
                data-line={line}
                data-testid={marked ? "marked-line" : undefined}
                title={marked?.map((problem) => problem.message).join("\n")}
              >
                {line}
              </div>
            );
          })}
        </div>
        <div className="code-body">
          {[...byLine.keys()].map((line) => (
            <div
              key={line}
              className={`line-tint ${severityAt(line)}`}
              style={{ top: (line - 1) * LINE_HEIGHT, height: LINE_HEIGHT }}
            />
          ))}
          <textarea
            aria-label={label}
            data-testid="mapping-text"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            onKeyDown={(event) => {
              // YAML indents with spaces: Tab inserts two instead of leaving the editor.
              if (event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey)
                return;
              event.preventDefault();
              const area = event.currentTarget;
              area.setRangeText("  ", area.selectionStart, area.selectionEnd, "end");
              onChange(area.value);
            }}
            spellCheck={false}
            wrap="off"
            autoCapitalize="off"
            autoComplete="off"
            rows={lineCount + 1}
            style={{ height: (lineCount + 1) * LINE_HEIGHT }}
          />
        </div>
      </div>
    </div>
  );
}
