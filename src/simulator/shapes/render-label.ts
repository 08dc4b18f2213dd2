import type { components } from "@octokit/openapi-types";
import type { LabelRecord } from "../state/git-ref.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";

export type Label = components["schemas"]["label"];

/** `label`, as issues and pull requests embed it. */
export function renderLabel(label: LabelRecord, repositoryFullName: string, urls: ApiUrls): Label {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${urls.api}/repos/${repositoryFullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  };
}
