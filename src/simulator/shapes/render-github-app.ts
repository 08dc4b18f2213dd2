import type { components } from "@octokit/openapi-types";
import type { GitHubAppRecord } from "../state/github-app.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";
import { typedNodeId } from "./typed-node-id.js";

type Integration = NonNullable<components["schemas"]["integration"]>;

/**
 * `integration`: a GitHub App as `GET /app` shows it. Its `permissions` are what it asks of the accounts
 * that install it; the simulator's installations hold their own copy (they may differ after an upgrade).
 */
export function renderGitHubApp(
  app: GitHubAppRecord,
  state: SimulatorState,
  urls: ApiUrls,
  permissions: Record<string, string>,
): Integration {
  return {
    id: app.id,
    slug: app.slug,
    node_id: typedNodeId("A", app.id),
    client_id: app.clientId,
    owner: renderSimpleUser(state.getAccount(app.ownerId), urls),
    name: app.name,
    description: app.description,
    external_url: `${urls.web}/${state.getAccount(app.ownerId).login}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.updatedAt,
    permissions,
    events: app.events,
    installations_count: state.apps.installationsOf(app.id).length,
  };
}
