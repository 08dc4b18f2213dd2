import type { Random } from "./random.js";
import type { AccountRecord } from "./state/account.js";
import { formatGitHubTime } from "./state/simulator-clock.js";
import type { SimulatorState } from "./state/simulator-state.js";
import { type RepositoryPermission, type TeamPrivacy, type TeamRecord, teamSlug } from "./state/team.js";

const DAY_MS = 86_400_000;
const TEAMS: Array<{ name: string; description: string | null; privacy: TeamPrivacy }> = [
  { name: "Platform", description: "Runs the paved road", privacy: "closed" },
  { name: "Payments Squad", description: "Owns checkout and billing", privacy: "closed" },
  { name: "Frontend Guild", description: null, privacy: "closed" },
  { name: "Security", description: "Incident response and audits", privacy: "secret" },
  { name: "Data & ML", description: "Pipelines and models", privacy: "closed" },
];
const TEAM_PERMISSIONS: RepositoryPermission[] = ["pull", "triage", "push", "maintain", "admin"];
const OUTSIDERS = ["contractor-kim", "vendor-ops"];

/**
 * Teams and collaborators of a generated organization: five teams (one secret, one with no description,
 * one with no members; members with both roles) granted repositories with every permission, two outside
 * collaborators and one member added directly to a repository. Seeded from its own fork, dated from the
 * state's epoch.
 */
export function generatePeople(state: SimulatorState, random: Random, organization: AccountRecord): void {
  const people = random.fork("teams");
  const at = (msBeforeEpoch: number): string => formatGitHubTime(new Date(state.epochMs - msBeforeEpoch));
  const memberIds = [...organization.members.keys()].sort((a, b) => a - b);
  // Variety the mappings read: some member shows a public email (GraphQL gives "" for the others).
  const withEmail = memberIds.map((id) => state.getAccount(id)).find((member) => member.email !== null);
  const emailed = withEmail ?? state.getAccount(memberIds[memberIds.length - 1] ?? organization.id);
  emailed.email ??= `${emailed.login}@example.dev`;
  const repositories = state.repositoriesOwnedBy(organization.id);
  let permissionIndex = 0;
  TEAMS.forEach((spec, index) => {
    const createdBefore = people.int(60, 900) * DAY_MS;
    const team: TeamRecord = {
      id: people.int(1_000_000, 9_000_000),
      orgId: organization.id,
      name: spec.name,
      slug: teamSlug(spec.name),
      description: spec.description,
      privacy: spec.privacy,
      notificationSetting: index === 2 ? "notifications_disabled" : "notifications_enabled",
      createdAt: at(createdBefore),
      updatedAt: at(people.int(0, createdBefore)),
      members: new Map(),
      repositories: new Map(),
    };
    // The last team stays empty: a team without members is a shape the mapping must cope with.
    if (index < TEAMS.length - 1) {
      const chosen = people.sample(memberIds, people.int(1, Math.min(3, memberIds.length)));
      if (index === 0 && !chosen.includes(emailed.id)) chosen.push(emailed.id);
      for (const userId of chosen) {
        team.members.set(userId, team.members.size === 0 ? "maintainer" : "member");
      }
    }
    for (const repository of people.sample(repositories, people.int(1, 4))) {
      team.repositories.set(
        repository.id,
        TEAM_PERMISSIONS[permissionIndex % TEAM_PERMISSIONS.length] ?? "pull",
      );
      permissionIndex += 1;
    }
    state.addTeam(team);
  });

  let userId = people.int(10_000_000, 20_000_000);
  for (const login of OUTSIDERS) {
    userId += people.int(1, 50_000);
    const outsider: AccountRecord = {
      type: "User",
      id: userId,
      login,
      name: people.chance(0.5) ? null : login.replace("-", " "),
      company: null,
      blog: "",
      location: null,
      email: null,
      bio: null,
      twitterUsername: null,
      description: null,
      followers: people.int(0, 20),
      following: people.int(0, 20),
      createdAt: at(people.int(100, 2000) * DAY_MS),
      updatedAt: at(people.int(1, 90) * DAY_MS),
      members: new Map(),
    };
    state.addAccount(outsider);
    for (const repository of people.sample(repositories, 2)) {
      state.setCollaborator(
        repository.id,
        outsider.id,
        people.pick<RepositoryPermission>(["pull", "triage", "push"]),
      );
    }
  }
  const direct = people.pick(memberIds.slice(1));
  if (direct !== undefined) {
    state.setCollaborator(people.pick(repositories).id, direct, "maintain");
  }
}
