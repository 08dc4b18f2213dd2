import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { RawObject } from "../../../src/engine/integration/integration.js";
import { compileResourceMapping } from "../../../src/engine/mapping/compile-resource-mapping.js";
import { type MappingResult, mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";

/**
 * Ocean's compatibility data (../shared/ocean): the compat mapping over the raw objects of each
 * kind. Each rule of Ocean's evaluation (spec ocean-core.md §3) is pinned against expectations
 * computed here in plain TypeScript from the same objects, not by jq.
 */
const OCEAN = fileURLToPath(new URL("../../../../shared/ocean/", import.meta.url));
const compat = parsePortAppConfig(
  readFileSync(`${OCEAN}mappings/compat-port-app-config.yml`, "utf8"),
  "compat",
);

function objectsOf(kind: string): RawObject[] {
  return (JSON.parse(readFileSync(`${OCEAN}cases/${kind}.json`, "utf8")) as { objects: RawObject[] }).objects;
}

/** The compat mapping's resource writing `blueprint` (a literal), mapped over the kind's case objects. */
function mapWith(blueprint: string): { result: MappingResult; objects: RawObject[] } {
  const index = compat.config.resources.findIndex(
    (resource) => resource.port.entity.mappings.blueprint === `"${blueprint}"`,
  );
  const resource = compat.config.resources[index];
  if (!resource) throw new Error(`no resource writes ${blueprint}`);
  const objects = objectsOf(resource.kind);
  return { result: mapRawItems(compileResourceMapping(resource, index), objects), objects };
}

describe("Ocean compatibility cases", () => {
  it("maps every case file with every resource of its kind without losing an object unaccounted", () => {
    const kinds = new Set(compat.config.resources.map((resource) => resource.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(20);
    for (const [index, resource] of compat.config.resources.entries()) {
      const result = mapRawItems(compileResourceMapping(resource, index), objectsOf(resource.kind));
      const accounted =
        result.entities.length + result.filteredOut + result.dropped + result.itemFailures.length;
      expect(accounted, `resources[${index}] (${resource.kind})`).toBeGreaterThan(0);
      if (!resource.port.itemsToParse) expect(accounted).toBe(objectsOf(resource.kind).length);
    }
  });

  it("gives Ocean's default mapping for repositories field for field", () => {
    const { result, objects } = mapWith("githubRepository");
    expect(result.entities).toHaveLength(objects.length);
    for (const [index, entity] of result.entities.entries()) {
      const repository = objects[index] as Record<string, any>;
      expect(entity).toEqual({
        identifier: repository.name,
        title: repository.name,
        blueprint: "githubRepository",
        properties: {
          description: repository.description ?? "",
          visibility: repository.private ? "private" : "public",
          defaultBranch: repository.default_branch ?? null,
          readme: repository.__includedFiles?.["README.md"] ?? null,
          codeowners: repository.__includedFiles?.CODEOWNERS ?? null,
          url: repository.html_url ?? null,
          language: repository.language ?? "",
        },
        relations: { organization: repository.owner.login },
      });
    }
  });

  describe("the probes", () => {
    const { result, objects } = mapWith("probeRepository");
    const byName = new Map(result.entities.map((entity) => [entity.title, entity]));

    it("filters with the selector and rewrites single quotes", () => {
      expect(result.filteredOut).toBe(
        objects.filter((repository) => repository.name === "small-repo").length,
      );
      for (const repository of objects.filter((candidate) => candidate.name !== "small-repo")) {
        expect(byName.get(`repo-${repository.name}`)?.identifier).toBe(repository.full_name);
      }
    });

    it("takes the first output only, and null for no output or an error", () => {
      for (const repository of objects.filter((candidate) => candidate.name !== "small-repo") as any[]) {
        const entity = byName.get(`repo-${repository.name}`);
        expect(entity?.properties.firstTopic).toBe(repository.topics?.[0] ?? null);
        expect(entity?.properties.descriptionThenName).toBe(repository.description);
        expect(entity?.properties.descriptionOrNa).toBe(repository.description ?? "n/a");
        expect(entity?.properties.nothing).toBeNull();
        expect(entity?.properties.nameAsNumber).toBeNull();
        expect(entity?.properties.firstCollaborator).toBe(repository.__collaborators?.[0]?.login ?? null);
        // `.__collaborators[]` on a missing key is an error ("Cannot iterate over null"): null.
        expect(entity?.properties.adminLogins).toEqual(
          repository.__collaborators
            ? repository.__collaborators
                .filter((c: any) => c.permissions?.admin === true)
                .map((c: any) => c.login)
            : null,
        );
        expect(entity?.properties.ownerType).toBe(
          repository.owner.type ? String(repository.owner.type).toLowerCase() : null,
        );
        expect(entity?.team).toBe(repository.owner.login);
      }
      const failure = result.fieldFailures.find((candidate) => candidate.field === "properties.nameAsNumber");
      expect(failure?.error).toBeTruthy();
      expect(failure?.expression).toBe(".name | tonumber");
      expect(
        result.fieldFailures.some(
          (candidate) => candidate.field === "properties.nothing" && !candidate.error,
        ),
      ).toBe(true);
    });

    it("keeps search relations' shape with each leaf evaluated, and null for leaves that do not compile", () => {
      const repository = objects.find((candidate) => candidate.name !== "small-repo") as any;
      const entity = byName.get(`repo-${repository.name}`);
      expect(entity?.relations.ownerSearch).toEqual({
        combinator: "and",
        rules: [
          { property: "$identifier", operator: "=", value: repository.owner.login },
          {
            combinator: "or",
            rules: [
              {
                property: "$title",
                operator: "in",
                value: (repository.__teams ?? []).map((t: any) => t.slug),
              },
            ],
          },
        ],
      });
      expect(entity?.relations.bareSearch).toEqual({
        combinator: null,
        rules: [{ property: null, operator: null, value: repository.owner.login }],
      });
      expect(result.fieldFailures.map((failure) => failure.field)).toContain(
        "relations.bareSearch.combinator",
      );
    });

    it("expands itemsToParse, removing the parsed array from the parent by default", () => {
      const { result: members } = mapWith("probeTeamMember");
      const teams = objectsOf("team") as any[];
      const expected = teams.flatMap((team) =>
        (team.members?.nodes ?? [])
          .filter((member: any) => member.login != null)
          .map((member: any) => ({
            identifier: `${team.slug}/${member.login}`,
            membersAfterTransform: Object.fromEntries(
              Object.entries(team.members).filter(([key]) => key !== "nodes"),
            ),
          })),
      );
      expect(
        members.entities.map((entity) => ({
          identifier: entity.identifier,
          membersAfterTransform: entity.properties.membersAfterTransform,
        })),
      ).toEqual(expected);
      // A team whose members are null gives no array: skipped with a warning, as Ocean does.
      expect(members.warnings.length).toBe(
        teams.filter((team) => !Array.isArray(team.members?.nodes)).length,
      );
    });

    it("uses itemsToParseName without the transform, and drops empty identifiers", () => {
      const { result: emails } = mapWith("probeTeamMemberEmail");
      const teams = objectsOf("team") as any[];
      const members = teams.flatMap((team) =>
        (team.members?.nodes ?? []).map((member: any) => ({ member, count: team.members.nodes.length })),
      );
      const withEmail = members.filter(({ member }) => member.email);
      expect(emails.entities.map((entity) => [entity.identifier, entity.properties.memberCount])).toEqual(
        withEmail.map(({ member, count }) => [member.email, count]),
      );
      expect(emails.dropped).toBe(members.length - withEmail.length);
    });

    it("drops an object whose selector gives a string, recording why", () => {
      const { result: environments, objects: raw } = mapWith("probeEnvironment");
      expect(environments.entities).toEqual([]);
      expect(environments.itemFailures).toHaveLength(raw.length);
      expect(environments.itemFailures[0]?.code).toBe("SELECTOR_NOT_BOOLEAN");
    });

    it("drops null identifiers and evaluates arithmetic and to_entries", () => {
      const { result: admins, objects: collaborators } = mapWith("probeAdminCollaborator");
      const expected = (collaborators as any[]).filter((collaborator) => collaborator.role_name === "admin");
      expect(admins.dropped).toBe(collaborators.length - expected.length);
      expect(admins.entities.map((entity) => entity.properties)).toEqual(
        expected.map((collaborator) => ({
          permissions: Object.entries(collaborator.permissions)
            .filter(([, value]) => value)
            .map(([key]) => key),
          idPlusOne: collaborator.id + 1,
          idString: String(collaborator.id),
        })),
      );
    });

    it("evaluates dates, regex captures and splits", () => {
      const { result: runs, objects: raw } = mapWith("probeWorkflowRun");
      const expected = (raw as any[]).filter(
        (run) => run.conclusion === "failure" || run.status === "queued",
      );
      expect(runs.entities.map((entity) => entity.properties)).toEqual(
        expected.map((run) => ({
          // A missing date or path makes the jq builtin fail: null, as Ocean gives.
          durationSeconds:
            run.updated_at && run.created_at
              ? (Date.parse(run.updated_at) - Date.parse(run.created_at)) / 1000
              : null,
          workflowFile: run.path ? String(run.path).split("/").pop() : null,
          createdDay: run.created_at ? String(run.created_at).split("T")[0] : null,
          // ascii_upcase of null (no actor) is an error: null.
          actorLogin: run.actor?.login ? String(run.actor.login).toUpperCase() : null,
        })),
      );
    });
  });
});
