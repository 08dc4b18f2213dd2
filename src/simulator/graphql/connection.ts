import { GitHubGraphQLError } from "./graphql-error.js";

/** GitHub's ceiling for `first` / `last` on every connection. */
export const MAX_PAGE_SIZE = 100;

export interface Connection<Node, Edge> {
  edges: Array<Edge & { cursor: string; node: Node }>;
  nodes: Node[];
  pageInfo: {
    startCursor: string | null;
    endCursor: string | null;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
  };
  totalCount: number;
}

/** Opaque cursors in GitHub's style (base64 of `cursor:v2:` and a position). */
function cursorAt(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString("base64");
}

function positionOf(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match?.[1]) {
    throw new GitHubGraphQLError(
      "INVALID_CURSOR_ARGUMENTS",
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  }
  return Number(match[1]);
}

function checkSize(value: unknown, argument: "first" | "last", connection: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const size = value as number;
  if (size < 0) {
    throw new GitHubGraphQLError(
      "INVALID_CURSOR_ARGUMENTS",
      `\`${argument}\` on the \`${connection}\` connection cannot be less than zero.`,
    );
  }
  if (size > MAX_PAGE_SIZE) {
    throw new GitHubGraphQLError(
      "EXCESSIVE_PAGINATION",
      `Requesting ${size} records on the \`${connection}\` connection exceeds the \`${argument}\` limit of ${MAX_PAGE_SIZE} records.`,
    );
  }
  return size;
}

/**
 * One page of a connection the way GitHub pages: `first`/`after` forwards, `last`/`before` backwards,
 * one of `first` or `last` required and at most 100. `edge` adds the edge's own fields (e.g. `role`).
 */
export function paginate<Item, Node, Edge extends object>(
  items: readonly Item[],
  args: Record<string, unknown>,
  connection: string,
  toNode: (item: Item) => Node,
  edge: (item: Item) => Edge,
): Connection<Node, Edge> {
  const first = checkSize(args.first, "first", connection);
  const last = checkSize(args.last, "last", connection);
  if (first === undefined && last === undefined) {
    throw new GitHubGraphQLError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${connection}\` connection.`,
    );
  }
  let start = typeof args.after === "string" ? positionOf(args.after) + 1 : 0;
  let end = typeof args.before === "string" ? positionOf(args.before) : items.length;
  start = Math.min(start, items.length);
  end = Math.max(start, Math.min(end, items.length));
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  const edges = items.slice(start, end).map((item, offset) => ({
    ...edge(item),
    cursor: cursorAt(start + offset),
    node: toNode(item),
  }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      startCursor: edges.length > 0 ? cursorAt(start) : null,
      endCursor: edges.length > 0 ? cursorAt(end - 1) : null,
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
    },
    totalCount: items.length,
  };
}
