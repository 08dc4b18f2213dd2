import { generateActions } from "./generate-actions.js";
import { writeBaseFiles } from "./generate-base-files.js";
import { generateDeployments } from "./generate-deployments.js";
import { generatePeople } from "./generate-people.js";
import { generateRepositoryActivity } from "./generate-repository-activity.js";
import { generateRepositoryFiles } from "./generate-repository-files.js";
import { generateRepositoryParts } from "./generate-repository-parts.js";
import { generateSecurityAlerts } from "./generate-security-alerts.js";
import type { SimulatorScale } from "./parse-simulator-options.js";
import type { Random } from "./random.js";
import { SCALE_PROFILES } from "./scale-profile.js";
import { classicTokenRecord } from "./state/access-token.js";
import type { AccountRecord } from "./state/account.js";
import type { LicenseRecord, RepositoryRecord, RepositoryVisibility } from "./state/repository.js";
import { formatGitHubTime } from "./state/simulator-clock.js";
import type { SimulatorState } from "./state/simulator-state.js";
import { createClassicToken } from "./token-formats.js";

/** The scopes of the organization owner's token (`adminToken`). */
export const ADMIN_TOKEN_SCOPES = ["admin:org_hook", "read:org", "read:user", "repo"];

export interface GeneratedOrganization {
  organization: AccountRecord;
  owner: AccountRecord;
  adminToken: string;
}

const DAY_MS = 86_400_000;
const FIRST_NAMES = [
  "ada",
  "grace",
  "linus",
  "margaret",
  "alan",
  "barbara",
  "ken",
  "radia",
  "edsger",
  "frances",
];
const LAST_NAMES = ["lovelace", "hopper", "torvalds", "hamilton", "turing", "liskov", "thompson", "perlman"];
const AREAS = [
  "payments",
  "checkout",
  "inventory",
  "search",
  "auth",
  "notifications",
  "billing",
  "catalog",
  "gateway",
  "analytics",
  "ledger",
  "profile",
  "reporting",
  "scheduler",
  "shipping",
  "pricing",
];
const ROLES = ["service", "api", "web", "worker", "lib", "cli", "infra", "docs", "ui", "sdk"];
const SPECIAL_NAMES = [
  ".github",
  "terraform-modules",
  "helm-charts",
  "design-system",
  "legacy_monolith",
  "docs.portal",
];
const LANGUAGES: (string | null)[] = [
  "TypeScript",
  "Go",
  "Python",
  "Java",
  "Kotlin",
  "Rust",
  "Ruby",
  "HCL",
  "Shell",
];
const TOPICS = [
  "backend",
  "frontend",
  "microservice",
  "internal-tool",
  "terraform",
  "kubernetes",
  "payments",
  "ml",
];
const DESCRIPTIONS = [
  "Handles %s for every storefront",
  "The %s domain, owned by the platform team",
  "Experimental %s prototype",
  "Shared building blocks for %s",
  "Batch jobs and reports around %s",
];
const LICENSES: LicenseRecord[] = [
  { key: "mit", name: "MIT License", spdxId: "MIT" },
  { key: "apache-2.0", name: "Apache License 2.0", spdxId: "Apache-2.0" },
];
const UPSTREAM_PROJECTS = ["fast-json", "tiny-router", "yaml-lint", "retry-kit"];

/**
 * Fills an empty state with one seeded organization: its owner and members, repositories of varied
 * shape (20 at scale `small`, ~1,000 at `medium`, ~10,000 at `large`) with their files, activity,
 * actions, deployments and alerts, an upstream account the forks come from, teams, collaborators and
 * the owner's classic token. Every value comes from `random` and the state's epoch, never the wall
 * clock. At `small` everything is generated now; at the larger scales the repository records are, and
 * each repository's other parts on first access (`generateRepositoryParts`).
 */
export function generateOrganization(
  state: SimulatorState,
  random: Random,
  options: { organization: string; scale?: SimulatorScale },
): GeneratedOrganization {
  const profile = SCALE_PROFILES[options.scale ?? "small"];
  const people = random.fork("people");
  const at = (msBeforeEpoch: number): string => formatGitHubTime(new Date(state.epochMs - msBeforeEpoch));
  const orgCreatedMs = random.int(5 * 365, 7 * 365) * DAY_MS;

  const logins = new Set<string>();
  const members: AccountRecord[] = [];
  const memberCount = people.int(...profile.members);
  let userId = people.int(1_000_000, 9_000_000);
  while (members.length < memberCount) {
    const first = people.pick(FIRST_NAMES);
    const last = people.pick(LAST_NAMES);
    const login = people.chance(0.3) ? `${first}${people.int(1, 99)}` : `${first}-${last}`;
    if (logins.has(login)) continue;
    logins.add(login);
    userId += people.int(1, 50_000);
    const createdMs = people.int(400, 4000) * DAY_MS;
    members.push(
      account("User", userId, login, {
        name: `${capitalize(first)} ${capitalize(last)}`,
        company: people.chance(0.5) ? `@${options.organization}` : null,
        blog: people.chance(0.3) ? `https://${login}.example.dev` : "",
        location: people.chance(0.5)
          ? people.pick(["Lisbon", "Berlin", "Tel Aviv", "Toronto", "Nairobi"])
          : null,
        email: people.chance(0.4) ? `${login}@example.dev` : null,
        bio: people.chance(0.3) ? "Builds things that ship." : null,
        followers: people.int(0, 300),
        following: people.int(0, 80),
        createdAt: at(createdMs),
        updatedAt: at(people.int(1, 60) * DAY_MS),
      }),
    );
  }
  const owner = members[0] as AccountRecord;

  const orgId = random.int(10_000_000, 99_999_999);
  const organization = account("Organization", orgId, options.organization, {
    name: options.organization
      .split(/[-_]/)
      .map((part) => capitalize(part))
      .join(" "),
    description: "A simulated organization for Portolan's tests and demo",
    blog: `https://${options.organization}.example.dev`,
    // GitHub's organization-full has `email` as an address, never null: give the org a public one.
    email: `opensource@${options.organization}.example.dev`,
    location: null,
    createdAt: at(orgCreatedMs),
    updatedAt: at(random.int(1, 30) * DAY_MS),
  });
  for (const member of members) organization.members.set(member.id, member === owner ? "admin" : "member");

  const upstream = account(
    "Organization",
    orgId + random.int(1000, 9000),
    `${options.organization}-upstream`,
    {
      name: "Upstream Open Source",
      email: `opensource@${options.organization}-upstream.example.dev`,
      description: "Open-source projects the simulated organization forks",
      createdAt: at(orgCreatedMs + 365 * DAY_MS),
      updatedAt: at(random.int(1, 30) * DAY_MS),
    },
  );
  for (const member of members) state.addAccount(member);
  state.addAccount(organization);
  state.addAccount(upstream);

  const repos = random.fork("repositories");
  const upstreamRepos = UPSTREAM_PROJECTS.map((name) => {
    const project = addRepository(state, repos, upstream.id, name, null, orgCreatedMs + 400 * DAY_MS, at);
    project.visibility = "public";
    if (state.readFile(project.id, project.defaultBranch, "README.md") === undefined) {
      state.writeFile(
        project.id,
        project.defaultBranch,
        "README.md",
        `# ${name}\n\nAn open-source ${name}.\n`,
      );
    }
    return project;
  });

  const names = new Set<string>();
  for (const special of repos.sample(SPECIAL_NAMES, 3)) names.add(special);
  const combinations = AREAS.length * ROLES.length;
  while (names.size < profile.sourceRepositories) {
    const name = `${repos.pick(AREAS)}-${repos.pick(ROLES)}`;
    // Past what area × role can name, a number tells repositories apart.
    names.add(names.has(name) && profile.sourceRepositories > combinations ? `${name}-${names.size}` : name);
  }
  const withFiles = !profile.lazy;
  for (const name of names)
    addRepository(state, repos, organization.id, name, null, orgCreatedMs, at, withFiles);
  for (const parent of repos.sample(upstreamRepos, profile.forks)) {
    const parentAgeMs = state.epochMs - Date.parse(parent.createdAt);
    addRepository(
      state,
      repos,
      organization.id,
      parent.name,
      parent,
      Math.min(orgCreatedMs, parentAgeMs),
      at,
      withFiles,
    );
  }
  const repositories = state.repositoriesOwnedBy(organization.id);
  ensureVariety(repositories, repos);
  if (profile.lazy) {
    const parts = random.fork("repository-parts");
    repositories.forEach((repository, index) => {
      state.generateLazily(repository.id, () =>
        generateRepositoryParts(state, parts.fork(String(repository.id)), {
          repository,
          index,
          members,
          pullRequests: profile.pullRequests,
        }),
      );
    });
  } else {
    generateRepositoryActivity(state, random.fork("activity"), { organization, members });
    generateActions(state, random.fork("actions"), organization, members);
    generateDeployments(state, random.fork("deployments"), organization, members);
    generateRepositoryFiles(state, random.fork("repository-files"), repositories);
    generateSecurityAlerts(state, random, organization);
    for (const repository of repositories) state.settleBranchHeads(repository.id);
  }
  generatePeople(state, random, organization);

  const tokens = random.fork("tokens");
  const adminToken = classicTokenRecord(createClassicToken(tokens), owner.id, ADMIN_TOKEN_SCOPES);
  state.addToken(adminToken);
  return { organization, owner, adminToken: adminToken.token };
}

function addRepository(
  state: SimulatorState,
  random: Random,
  ownerId: number,
  name: string,
  parent: RepositoryRecord | null,
  maxAgeMs: number,
  at: (msBeforeEpoch: number) => string,
  withFiles = true,
): RepositoryRecord {
  const area = name.split(/[-_.]/)[0] ?? name;
  const createdBefore = random.int(30 * DAY_MS, maxAgeMs);
  const updatedBefore = random.int(0, createdBefore);
  const pushedBefore = Math.min(createdBefore, updatedBefore + random.int(0, 5 * DAY_MS));
  const visibility: RepositoryVisibility = parent
    ? "public"
    : random.pick<RepositoryVisibility>(["public", "public", "private", "private", "internal"]);
  const language = random.chance(0.15) ? null : random.pick(LANGUAGES);
  const defaultBranch = parent?.defaultBranch ?? (random.chance(0.75) ? "main" : "master");
  const repository: RepositoryRecord = {
    id: state.allocateRepositoryId(),
    ownerId,
    name,
    description: parent
      ? parent.description
      : random.chance(0.2)
        ? null
        : random.pick(DESCRIPTIONS).replace("%s", area),
    homepage: random.chance(0.15) ? `https://${name.replace(/[^a-z0-9-]/gi, "")}.example.dev` : null,
    language: parent ? parent.language : language,
    visibility,
    parentId: parent?.id ?? null,
    archived: random.chance(0.15),
    disabled: false,
    isTemplate: random.chance(0.05),
    defaultBranch,
    topics: random.sample(TOPICS, random.int(0, 3)).sort(),
    createdAt: at(createdBefore),
    updatedAt: at(updatedBefore),
    pushedAt: at(pushedBefore),
    size: random.int(0, 40_000),
    stargazersCount: random.int(0, visibility === "public" ? 250 : 12),
    forksCount: random.int(0, 6),
    openIssuesCount: random.int(0, 40),
    subscribersCount: random.int(1, 15),
    license: random.chance(0.4) ? random.pick(LICENSES) : null,
    hasIssues: random.chance(0.9),
    hasProjects: random.chance(0.7),
    hasWiki: random.chance(0.5),
    hasPages: random.chance(0.1),
    hasDownloads: true,
    hasDiscussions: random.chance(0.1),
    allowForking: visibility === "public" || random.chance(0.5),
    webCommitSignoffRequired: random.chance(0.1),
    deleteBranchOnMerge: random.chance(0.5),
    customProperties: {},
  };
  state.addRepository(repository);
  // Lazily generated repositories draw their files from their own stream, on first access.
  if (withFiles) writeBaseFiles(state, random, repository);
  return repository;
}

/**
 * Makes sure every seed shows the variety tests and demos rely on: each visibility, an archived
 * repository, a null description and a null language (the chances above can miss one on a small org).
 */
function ensureVariety(repositories: RepositoryRecord[], random: Random): void {
  const sources = repositories.filter((repo) => repo.parentId === null);
  const pickOther = (taken: Set<RepositoryRecord>): RepositoryRecord => {
    const free = sources.filter((repo) => !taken.has(repo));
    return random.pick(free.length > 0 ? free : sources);
  };
  const adjusted = new Set<RepositoryRecord>();
  for (const visibility of ["public", "private", "internal"] as const) {
    if (sources.some((repo) => repo.visibility === visibility)) continue;
    const repo = pickOther(adjusted);
    repo.visibility = visibility;
    adjusted.add(repo);
  }
  if (!repositories.some((repo) => repo.archived)) pickOther(adjusted).archived = true;
  if (!repositories.some((repo) => repo.description === null)) pickOther(adjusted).description = null;
  if (!repositories.some((repo) => repo.language === null)) pickOther(adjusted).language = null;
}

function account(
  type: AccountRecord["type"],
  id: number,
  login: string,
  fields: Partial<Omit<AccountRecord, "type" | "id" | "login" | "members">> & {
    createdAt: string;
    updatedAt: string;
  },
): AccountRecord {
  return {
    type,
    id,
    login,
    name: null,
    company: null,
    blog: null,
    location: null,
    email: null,
    bio: null,
    twitterUsername: null,
    description: null,
    followers: 0,
    following: 0,
    members: new Map(),
    ...fields,
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
