import type { components } from "@octokit/openapi-types";
import type { SimulatorState } from "../state/simulator-state.js";
import type { TeamRecord } from "../state/team.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";
import { renderOrganizationFull } from "./render-organization.js";

export type Team = components["schemas"]["team"];
export type TeamFull = components["schemas"]["team-full"];

function teamUrls(team: TeamRecord, state: SimulatorState, urls: ApiUrls) {
  const api = `${urls.api}/organizations/${team.orgId}/team/${team.id}`;
  return {
    url: api,
    html_url: `${urls.web}/orgs/${state.getAccount(team.orgId).login}/teams/${team.slug}`,
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
  };
}

/** `team`: list items (`GET /orgs/{org}/teams`, `GET /repos/{o}/{r}/teams`), in GitHub's key order. */
export function renderTeam(team: TeamRecord, state: SimulatorState, urls: ApiUrls): Team {
  const links = teamUrls(team, state, urls);
  return {
    name: team.name,
    id: team.id,
    node_id: nodeId("Team", team.id),
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: team.notificationSetting,
    url: links.url,
    html_url: links.html_url,
    members_url: links.members_url,
    repositories_url: links.repositories_url,
    type: "organization",
    organization_id: team.orgId,
    permission: "pull",
    parent: null,
  };
}

/** `team-full`: `GET /orgs/{org}/teams/{slug}`, with counts, dates and the organization. */
export function renderTeamFull(team: TeamRecord, state: SimulatorState, urls: ApiUrls): TeamFull {
  const summary = renderTeam(team, state, urls);
  return {
    ...summary,
    privacy: team.privacy,
    notification_setting: team.notificationSetting,
    members_count: team.members.size,
    repos_count: team.repositories.size,
    created_at: team.createdAt,
    updated_at: team.updatedAt,
    organization: renderOrganizationFull(state.getAccount(team.orgId), state, urls, false),
  };
}

/** The team object of `team` and `membership` webhooks (GitHub's webhook schema: no `type`, `organization_id`). */
export function renderWebhookTeam(team: TeamRecord, state: SimulatorState, urls: ApiUrls) {
  const { type: _type, organization_id: _organizationId, ...webhookTeam } = renderTeam(team, state, urls);
  return webhookTeam;
}
