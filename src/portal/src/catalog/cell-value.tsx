import type { CellView } from "./describe-cell.js";

/** The content of one table cell, as decided by `describeCell`. */
export function CellValue({ view }: { view: CellView }) {
  switch (view.kind) {
    case "empty":
      return (
        <span className="cell-empty" title="No value">
          —
        </span>
      );
    case "link":
      return (
        <a href={view.href} target="_blank" rel="noopener noreferrer">
          {view.text}
        </a>
      );
    case "time":
      return (
        <time dateTime={view.iso} title={view.iso}>
          {view.text}
        </time>
      );
    case "text":
      return <span title={view.title}>{view.text}</span>;
  }
}
