import type { AccountRecord } from "./account.js";

/** An organization's issue type (Task, Bug, Feature…), which an issue of its repositories may carry. */
export interface IssueTypeRecord {
  id: number;
  name: string;
  description: string;
  color: "gray" | "blue" | "green" | "yellow" | "orange" | "red" | "pink" | "purple";
  createdAt: string;
  isEnabled: boolean;
}

/** The three types GitHub gives every organization, with GitHub's own descriptions and colours. */
const DEFAULT_ISSUE_TYPES = [
  { name: "Task", description: "A specific piece of work", color: "yellow" },
  { name: "Bug", description: "An unexpected problem or behavior", color: "red" },
  { name: "Feature", description: "A request, idea, or new functionality", color: "blue" },
] as const;

/**
 * The issue types of an organization: GitHub's defaults, derived from the organization rather than
 * stored, so every seed has them. Ids are the organization's id times ten plus the position, unique
 * across organizations and stable across runs.
 */
export function issueTypesOf(org: AccountRecord): IssueTypeRecord[] {
  if (org.type !== "Organization") return [];
  return DEFAULT_ISSUE_TYPES.map((type, index) => ({
    ...type,
    id: org.id * 10 + index + 1,
    createdAt: org.createdAt,
    isEnabled: true,
  }));
}
