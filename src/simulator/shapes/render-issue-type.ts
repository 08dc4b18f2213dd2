import type { components } from "@octokit/openapi-types";
import type { IssueTypeRecord } from "../state/issue-type.js";
import { typedNodeId } from "./typed-node-id.js";

export type IssueType = NonNullable<components["schemas"]["issue-type"]>;

/** `issue-type`, as `GET /orgs/{org}/issue-types`, an issue's `type` and the `issues.typed` webhook carry it. */
export function renderIssueType(type: IssueTypeRecord): IssueType {
  return {
    id: type.id,
    node_id: typedNodeId("IT", type.id),
    name: type.name,
    description: type.description,
    color: type.color,
    created_at: type.createdAt,
    updated_at: type.createdAt,
    is_enabled: type.isEnabled,
  };
}
