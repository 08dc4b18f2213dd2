import type { RepositoryRecord } from "../state/repository.js";

/** The parsed `q` of `GET /search/repositories`: qualifiers and free-text terms. */
export interface RepositorySearchQuery {
  /** `org:` / `user:` logins (lower case); a repository matches any of them. */
  owners: string[];
  /** `fork:true` includes forks, `fork:only` keeps only forks; without it forks are left out. */
  fork: "exclude" | "include" | "only";
  archived: boolean | undefined;
  /** `is:public`, `is:private` (which includes internal ones), `is:internal`. */
  visibility: "public" | "private" | "internal" | undefined;
  /** Where terms are looked for: `in:name`, `in:description`, `in:topics` (default: all three). */
  fields: Array<"name" | "description" | "topics">;
  terms: string[];
}

/** Splits `q` on spaces and reads GitHub's repository qualifiers; unknown qualifiers count as terms. */
export function parseRepositorySearchQuery(q: string): RepositorySearchQuery {
  const query: RepositorySearchQuery = {
    owners: [],
    fork: "exclude",
    archived: undefined,
    visibility: undefined,
    fields: [],
    terms: [],
  };
  for (const word of q.split(/\s+/).filter((part) => part !== "")) {
    const [key = "", value = ""] = word.includes(":")
      ? [word.slice(0, word.indexOf(":")), word.slice(word.indexOf(":") + 1)]
      : [];
    const qualifier = key.toLowerCase();
    const lower = value.toLowerCase();
    if ((qualifier === "org" || qualifier === "user") && value !== "") query.owners.push(lower);
    else if (qualifier === "fork" && (lower === "true" || lower === "only"))
      query.fork = lower === "true" ? "include" : "only";
    else if (qualifier === "fork" && lower === "false") query.fork = "exclude";
    else if (qualifier === "archived" && (lower === "true" || lower === "false"))
      query.archived = lower === "true";
    else if (qualifier === "is" && (lower === "public" || lower === "private" || lower === "internal"))
      query.visibility = lower;
    else if (qualifier === "in" && value !== "") {
      for (const field of lower.split(",")) {
        if (field === "name" || field === "description" || field === "topics") query.fields.push(field);
      }
    } else query.terms.push(word.toLowerCase());
  }
  if (query.fields.length === 0) query.fields = ["name", "description", "topics"];
  return query;
}

/** Whether a repository of `ownerLogin` matches the query (every term, in one of the searched fields). */
export function matchesRepositorySearch(
  repository: RepositoryRecord,
  ownerLogin: string,
  query: RepositorySearchQuery,
): boolean {
  if (query.owners.length > 0 && !query.owners.includes(ownerLogin.toLowerCase())) return false;
  const fork = repository.parentId !== null;
  if (query.fork === "exclude" && fork) return false;
  if (query.fork === "only" && !fork) return false;
  if (query.archived !== undefined && repository.archived !== query.archived) return false;
  if (query.visibility === "public" && repository.visibility !== "public") return false;
  if (query.visibility === "private" && repository.visibility === "public") return false;
  if (query.visibility === "internal" && repository.visibility !== "internal") return false;
  const haystacks = query.fields.map((field) =>
    field === "name"
      ? repository.name.toLowerCase()
      : field === "description"
        ? (repository.description ?? "").toLowerCase()
        : repository.topics.join(" ").toLowerCase(),
  );
  return query.terms.every((term) => haystacks.some((text) => text.includes(term)));
}
