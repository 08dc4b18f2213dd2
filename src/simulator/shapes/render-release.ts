import type { components } from "@octokit/openapi-types";
import type { ReleaseRecord } from "../state/release.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type Release = components["schemas"]["release"];

/** `release`, as `GET /repos/{o}/{r}/releases[/{id}]` and the `release` webhook carry it. */
export function renderRelease(
  release: ReleaseRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): Release {
  const fullName = `${state.getAccount(repository.ownerId).login}/${repository.name}`;
  const api = `${urls.api}/repos/${fullName}/releases/${release.id}`;
  const tag = encodeURIComponent(release.tagName);
  return {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `${urls.api.replace("//", "//uploads.")}/repos/${fullName}/releases/${release.id}/assets{?name,label}`,
    html_url: release.draft
      ? `${urls.web}/${fullName}/releases/tag/untagged-${release.id}`
      : `${urls.web}/${fullName}/releases/tag/${tag}`,
    id: release.id,
    author: renderSimpleUser(state.getAccount(release.authorId), urls),
    node_id: nodeId("Release", release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    draft: release.draft,
    immutable: false,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    updated_at: release.publishedAt ?? release.createdAt,
    published_at: release.publishedAt,
    assets: [],
    tarball_url: `${urls.api}/repos/${fullName}/tarball/${tag}`,
    zipball_url: `${urls.api}/repos/${fullName}/zipball/${tag}`,
    body: release.body,
  };
}
