import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type GraphQLSchema, parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TEAMS_PER_QUERY,
  teamsWithMembersQuery,
  teamWithMembersQuery,
} from "../../../src/github/kinds/enrich-team.js";
import { pullRequestQuery, pullRequestsQuery } from "../../../src/github/kinds/pull-request-graphql-query.js";
import { pullRequestSelectorSchema } from "../../../src/github/kinds/pull-request-selector.js";
import { includedFilesQuery } from "../../../src/github/kinds/read-included-files.js";
import { samlIdentitiesQuery } from "../../../src/github/kinds/saml-emails.js";
import { organizationMembersQuery, userQuery } from "../../../src/github/kinds/user.js";
import { githubGraphQLSchema } from "../../../src/simulator/graphql/github-graphql-schema.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

interface Names {
  org: string;
  member: string;
  teams: string[];
  /** A repository with pull requests, and one of their numbers. */
  repository: string;
  pullNumber: number;
}

/** Every optional field, and the first commit too: the largest selection the pull-request kind asks. */
const pullRequestSelector = pullRequestSelectorSchema.parse({ api: "graphql", enrichWithFirstCommit: true });

/** A GraphQL document Portolan sends, where it is written, and real variables for it. */
interface SentDocument {
  name: string;
  /** The source file that writes it (the test checks every document in src/github is listed). */
  file: string;
  document: string;
  variables: (names: Names) => Record<string, unknown>;
}

const teamSlugs = (names: Names, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`s${i}`, names.teams[i % names.teams.length]]));

/** Two files of one repository and one of another (absent): the shape of every included-files batch. */
const includedFiles = (n: Names) =>
  includedFilesQuery([
    { repository: 0, owner: n.org, name: n.repository, expression: "HEAD:README.md" },
    { repository: 0, owner: n.org, name: n.repository, expression: "HEAD:CODEOWNERS" },
    { repository: 1, owner: n.org, name: n.repository, expression: "HEAD:docs" },
  ]);

/** Every GraphQL document of src/github. */
const SENT_DOCUMENTS: SentDocument[] = [
  {
    name: "included files",
    file: "src/github/kinds/read-included-files.ts",
    // The text depends only on the batch's shape, not on the names: built once for validation.
    document: includedFiles({ org: "", member: "", teams: [], repository: "", pullNumber: 0 }).query,
    variables: (n) => includedFiles(n).variables,
  },
  {
    name: "organization members",
    file: "src/github/kinds/user.ts",
    document: organizationMembersQuery,
    variables: (n) => ({ login: n.org, first: 100, after: null }),
  },
  {
    name: "one user",
    file: "src/github/kinds/user.ts",
    document: userQuery,
    variables: (n) => ({ login: n.member }),
  },
  {
    name: "SAML identities",
    file: "src/github/kinds/saml-emails.ts",
    document: samlIdentitiesQuery,
    variables: (n) => ({ login: n.org, first: 100, after: null }),
  },
  {
    name: "one team's members",
    file: "src/github/kinds/enrich-team.ts",
    document: teamWithMembersQuery,
    variables: (n) => ({ login: n.org, slug: n.teams[0], first: 100, after: null }),
  },
  {
    name: "a full batch of teams",
    file: "src/github/kinds/enrich-team.ts",
    document: teamsWithMembersQuery(TEAMS_PER_QUERY),
    variables: (n) => ({ login: n.org, first: 100, after: null, ...teamSlugs(n, TEAMS_PER_QUERY) }),
  },
  {
    name: "a page of a repository's pull requests",
    file: "src/github/kinds/pull-request-graphql-query.ts",
    document: pullRequestsQuery(pullRequestSelector),
    variables: (n) => ({
      owner: n.org,
      name: n.repository,
      states: ["OPEN"],
      orderField: "CREATED_AT",
      first: 100,
      after: null,
    }),
  },
  {
    name: "one pull request",
    file: "src/github/kinds/pull-request-graphql-query.ts",
    document: pullRequestQuery(pullRequestSelector),
    variables: (n) => ({ owner: n.org, name: n.repository, number: n.pullNumber }),
  },
];

/** Template literals that open a GraphQL operation (not comments that name `query` in backticks). */
const OPERATION = /`\s*(query|mutation|subscription)\s*[({A-Za-z]/g;

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("the GraphQL documents Portolan sends fit GitHub's schema and run on the simulator", () => {
  let sim: RunningSimulator;
  let schema: GraphQLSchema;
  let names: Names;

  beforeAll(async () => {
    [sim, schema] = await Promise.all([startSimulator({ seed: 3 }), githubGraphQLSchema()]);
    const org = sim.state.findAccount(sim.organization);
    const member = [...(org?.members.keys() ?? [])][0];
    const withPulls = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .find((repository) => sim.state.activity.pullRequestsOf(repository.id).length > 0);
    names = {
      org: sim.organization,
      member: member === undefined ? "" : sim.state.getAccount(member).login,
      teams: sim.state.teamsOf(org?.id ?? -1).map((team) => team.slug),
      repository: withPulls?.name ?? "",
      pullNumber: withPulls ? (sim.state.activity.pullRequestsOf(withPulls.id)[0]?.number ?? 0) : 0,
    };
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("lists every GraphQL document written in src/github", async () => {
    const found: string[] = [];
    for (const file of await sourceFiles("src/github")) {
      const count = (await readFile(file, "utf8")).match(OPERATION)?.length ?? 0;
      for (let i = 0; i < count; i += 1) found.push(file);
    }
    // `teamsWithMembersQuery` builds one template for every batch size: one document in the source.
    const listed = SENT_DOCUMENTS.map((sent) => sent.file);
    expect(found.sort()).toEqual(listed.sort());
  });

  it("validates each against @octokit/graphql-schema", () => {
    const problems = SENT_DOCUMENTS.flatMap((sent) =>
      validate(schema, parse(sent.document)).map((error) => `${sent.name}: ${error.message}`),
    );
    expect(problems).toEqual([]);
  });

  it("executes each without errors at github.com and GitHub Enterprise Server paths", async () => {
    expect(names.teams.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const path of ["/graphql", "/api/graphql"]) {
      for (const sent of SENT_DOCUMENTS) {
        const answer = await call<{ data?: Record<string, unknown> | null; errors?: unknown[] }>(sim, path, {
          method: "POST",
          body: { query: sent.document, variables: sent.variables(names) },
        });
        if (answer.status !== 200 || answer.body.errors || !answer.body.data) {
          problems.push(`${path} ${sent.name}: ${answer.status} ${answer.text.slice(0, 300)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
