/**
 * A stand-in for the server's catalog API (`/api/v1`), holding its data in memory so a test can
 * change the catalog, or make a route fail, while the page is open.
 */

export interface FixtureBlueprint {
  identifier: string;
  title?: string;
  icon?: string;
  schema: { properties: Record<string, Record<string, unknown>>; required: string[] };
  relations: Record<string, { title?: string; target: string; many: boolean; required: boolean }>;
}

export interface FixtureEntity {
  identifier: string;
  blueprint: string;
  title: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, string | string[] | null>;
  dataSource: string;
  createdAt: string;
  updatedAt: string;
}

export interface FixtureFailure {
  status: number;
  code: string;
  message: string;
}

export interface FixtureApi {
  blueprints: FixtureBlueprint[];
  entities: FixtureEntity[];
  /** Route → failure to answer with instead: `blueprints`, or `entities:<blueprint>`. */
  failures: Map<string, FixtureFailure>;
  /** Every API path the page requested, in order. */
  requests: string[];
  /** Milliseconds every API answer waits, to make the loading state observable. */
  delayMs: number;
}

const TIME = "2026-01-15T09:30:00.000Z";

export function repositoryEntity(identifier: string, overrides: Partial<FixtureEntity> = {}): FixtureEntity {
  return {
    identifier,
    blueprint: "githubRepository",
    title: identifier,
    properties: {
      url: `https://github.com/portolan-demo/${identifier}`,
      readme: `# ${identifier}\n\nA **demo** repository with [docs](https://example.invalid/docs).`,
      language: "TypeScript",
      topics: ["catalog", "demo"],
      visibility: "public",
      lastPush: TIME,
      settings: { archived: false, forks: 3 },
      description: null,
    },
    relations: { organization: "portolan-demo" },
    dataSource: "github",
    createdAt: TIME,
    updatedAt: TIME,
    ...overrides,
  };
}

/** Two blueprints with entities (repositories, an organization) and one that is still empty (teams). */
export function createFixtureApi(): FixtureApi {
  return {
    blueprints: [
      {
        identifier: "githubRepository",
        title: "Repository",
        icon: "Github",
        schema: {
          properties: {
            url: { type: "string", title: "URL", format: "url" },
            readme: { type: "string", title: "README", format: "markdown" },
            language: { type: "string", title: "Language" },
            topics: { type: "array", title: "Topics" },
            visibility: { type: "string", title: "Visibility", enum: ["public", "private", "internal"] },
            lastPush: { type: "string", title: "Last push", format: "date-time" },
            settings: { type: "object" },
            description: { type: "string", title: "Description" },
          },
          required: [],
        },
        relations: {
          organization: { title: "Organization", target: "githubOrganization", many: false, required: false },
        },
      },
      {
        identifier: "githubOrganization",
        title: "Organization",
        icon: "Github",
        schema: { properties: { login: { type: "string", title: "Login" } }, required: [] },
        relations: {},
      },
      {
        identifier: "githubTeam",
        title: "Team",
        icon: "Github",
        schema: { properties: { slug: { type: "string", title: "Slug" } }, required: [] },
        relations: {},
      },
    ],
    entities: [
      repositoryEntity("repo-a"),
      repositoryEntity("repo-b", { properties: { url: null, topics: [], language: "Go" } }),
      {
        identifier: "portolan-demo",
        blueprint: "githubOrganization",
        title: "Portolan Demo",
        properties: { login: "portolan-demo" },
        relations: {},
        dataSource: "github",
        createdAt: TIME,
        updatedAt: TIME,
      },
    ],
    failures: new Map(),
    requests: [],
    delayMs: 0,
  };
}
