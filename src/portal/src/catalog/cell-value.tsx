import { NavLink } from "../app/nav-link.js";
import type { CellView } from "./describe-cell.js";

/** Text longer than this may be cut by the column width, so it carries its full text in `title`. */
const HOVER_LENGTH = 24;

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
        <a href={view.href} target="_blank" rel="noopener noreferrer" title={view.href}>
          {view.text}
        </a>
      );
    case "route":
      return (
        <NavLink to={view.path} active={false} className="entity-link">
          {view.text}
        </NavLink>
      );
    case "time":
      return (
        <time dateTime={view.iso} title={view.iso}>
          {view.text}
        </time>
      );
    case "text":
      // Cells are one line and cut with an ellipsis by CSS; longer values keep their full text on hover.
      return (
        <span title={view.title ?? (view.text.length > HOVER_LENGTH ? view.text : undefined)}>
          {view.text}
        </span>
      );
  }
}
