import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderWebhookRepository } from "../shapes/render-repository.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";

/** What every repository event payload ends with: `repository`, `organization` (for org repositories), `sender`. */
export function repositoryEventEnvelope(
  state: SimulatorState,
  urls: ApiUrls,
  repository: RepositoryRecord,
  sender: AccountRecord,
) {
  const owner = state.getAccount(repository.ownerId);
  return {
    repository: renderWebhookRepository(repository, state, urls),
    ...(owner.type === "Organization" ? { organization: renderOrganizationSimple(owner, urls) } : {}),
    sender: renderSimpleUser(sender, urls),
  };
}
