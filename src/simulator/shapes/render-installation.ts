import type { components } from "@octokit/openapi-types";
import type { GitHubAppRecord, InstallationRecord } from "../state/github-app.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

type Installation = components["schemas"]["installation"];

/** `installation`: one App installation, with its own permissions, repository selection and suspension. */
export function renderInstallation(
  installation: InstallationRecord,
  app: GitHubAppRecord,
  state: SimulatorState,
  urls: ApiUrls,
): Installation {
  const account = state.getAccount(installation.grant.ownerId);
  const suspendedBy =
    installation.suspendedById === null ? null : state.findAccountById(installation.suspendedById);
  return {
    id: installation.id,
    client_id: app.clientId,
    account: renderSimpleUser(account, urls),
    repository_selection: installation.grant.repositories === "all" ? "all" : "selected",
    access_tokens_url: `${urls.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/organizations/${account.login}/settings/installations/${installation.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: account.type,
    permissions: { ...installation.grant.permissions },
    events: app.events,
    created_at: installation.createdAt,
    updated_at: installation.updatedAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: suspendedBy ? renderSimpleUser(suspendedBy, urls) : null,
    suspended_at: installation.suspendedAt,
  };
}
