import type { ApiBlueprintProperty } from "../api/types.js";

/** How one table cell is shown; the component only maps these onto elements. */
export type CellView =
  | { kind: "empty" }
  | { kind: "text"; text: string; title?: string }
  | { kind: "link"; href: string; text: string }
  /** A page of the portal itself (an entity), opened in place. */
  | { kind: "route"; path: string; text: string }
  | { kind: "time"; iso: string; text: string };

/** Longest text a cell shows before it is cut short (the full text stays in the `title`). */
export const EXCERPT_LENGTH = 80;

/**
 * Decides how a property value is shown: url format → link (http/https only), markdown → a short
 * plain-text excerpt, date-time → a compact UTC time, arrays → a comma list, objects → compact JSON,
 * null/undefined → an em dash.
 */
export function describeCell(value: unknown, property?: ApiBlueprintProperty): CellView {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: "empty" };
    return shortText(value.map(inlineText).join(", "));
  }
  if (typeof value === "string") {
    switch (property?.format) {
      case "url":
        return isWebUrl(value) ? { kind: "link", href: value, text: value } : shortText(value);
      case "markdown":
        return shortText(markdownToPlainText(value), value);
      case "date-time":
        return describeTime(value);
      default:
        return shortText(value);
    }
  }
  return shortText(inlineText(value));
}

function inlineText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  return JSON.stringify(value) ?? String(value);
}

function shortText(text: string, full: string = text): CellView {
  if (text.length <= EXCERPT_LENGTH && full === text) return { kind: "text", text };
  const cut = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
  return { kind: "text", text: cut, title: full };
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function describeTime(value: string): CellView {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return shortText(value);
  // Same on every machine: the catalog's times are UTC, and so is what the table shows.
  const text = `${time.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return { kind: "time", iso: value, text };
}

/** Markdown reduced to the words a reader sees: no markup, links as their text, one line. */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/(\*\*|__|~~|`)/g, "")
    .replace(/(^|\s)[*_](\S)/g, "$1$2")
    .replace(/(\S)[*_](?=\s|$|[.,;:!?])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
