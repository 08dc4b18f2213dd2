import { describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import type { EventResource, LiveEvent } from "../../../src/engine/integration/integration.js";
import { repositorySelectorSchema } from "../../../src/github/kinds/repository-selector.js";
import {
  handleRepositoryEvent,
  repositoryEventActions,
  withOldName,
} from "../../../src/github/webhooks/repository-event.js";
import { FakeGitHub, fakeContext } from "../fake-github.js";
import { includedFilesAnswer } from "../fake-included-files.js";
import { webhookExamples as examples } from "../webhook-examples.js";

type Payload = Record<string, unknown> & { action?: string; repository: Record<string, unknown> };

function examplesOf(name: string): Payload[] {
  const definition = examples.find((entry) => entry.name === name);
  if (!definition) throw new Error(`no examples for ${name}`);
  return definition.examples as unknown as Payload[];
}

function example(name: string, action: string, withOrganization = true): Payload {
  const found = examplesOf(name).find(
    (payload) => payload.action === action && Boolean(payload.organization) === withOrganization,
  );
  if (!found) throw new Error(`no ${name}.${action} example`);
  return structuredClone(found);
}

const event = (name: string, payload: Record<string, unknown>): LiveEvent => ({
  deliveryId: "delivery-1",
  name,
  payload,
});

function resource(
  selector: Record<string, unknown> = {},
  mappingOptions: Record<string, unknown> = {},
): EventResource {
  return { kind: "repository", selector: repositorySelectorSchema.parse(selector), mappingOptions };
}

/** What GitHub's REST API answers for the example repository, slightly different from the payload. */
function restRepository(payload: Payload, extra: Record<string, unknown> = {}) {
  return { ...payload.repository, subscribers_count: 3, network_count: 0, ...extra };
}

describe("handleRepositoryEvent with GitHub's example payloads", () => {
  it("handles exactly the nine actions of the seed, which GitHub's schema all knows", () => {
    const known = examples.find((entry) => entry.name === "repository")?.actions ?? [];
    expect([...repositoryEventActions].sort()).toEqual([...known].sort());
  });

  it("created: re-fetches GET /repos/{o}/{r} and adds __includedFiles at the default branch", async () => {
    const payload = example("repository", "created");
    const fake = new FakeGitHub()
      .on("GET", "/repos/Octocoders/Hello-World", { body: restRepository(payload) })
      .on(
        "POST",
        "/graphql",
        includedFilesAnswer({ "Octocoders/Hello-World": { "master:README.md": "# Hello" } }),
      );
    const changes = await handleRepositoryEvent(
      fakeContext(fake),
      event("repository", payload),
      resource({ includedFiles: ["README.md", "CODEOWNERS"] }),
    );
    expect(changes?.deleted).toEqual([]);
    expect(changes?.upserted).toEqual([
      { ...restRepository(payload), __includedFiles: { "README.md": "# Hello", CODEOWNERS: null } },
    ]);
    const [query] = fake.requests("POST", "/graphql");
    expect(
      Object.values((query?.body as { variables: Record<string, string> } | undefined)?.variables ?? {}),
    ).toEqual(["Octocoders", "Hello-World", "master:README.md", "master:CODEOWNERS"]);
  });

  it.each(["edited", "transferred", "publicized", "privatized"])(
    "%s: upserts the re-fetched repository",
    async (action) => {
      for (const payload of examplesOf("repository").filter((p) => p.action === action)) {
        const owner = (payload.repository.owner as { login: string }).login;
        const fake = new FakeGitHub().on("GET", `/repos/${owner}/Hello-World`, {
          body: restRepository(payload),
        });
        const changes = await handleRepositoryEvent(
          fakeContext(fake),
          event("repository", payload),
          resource(),
        );
        expect(changes?.upserted.map((r) => r.full_name)).toEqual([payload.repository.full_name]);
        expect(changes?.deleted).toEqual([]);
      }
    },
  );

  it("archived: upserts the re-fetched repository, as the resync lists archived repositories", async () => {
    const edited = example("repository", "edited");
    const payload: Payload = {
      ...edited,
      action: "archived",
      repository: { ...edited.repository, archived: true },
    };
    const owner = (payload.repository.owner as { login: string }).login;
    const fake = new FakeGitHub().on("GET", `/repos/${owner}/Hello-World`, { body: restRepository(payload) });
    const changes = await handleRepositoryEvent(fakeContext(fake), event("repository", payload), resource());
    expect(changes?.upserted.map((r) => [r.full_name, r.archived])).toEqual([
      [payload.repository.full_name, true],
    ]);
    expect(changes?.deleted).toEqual([]);
  });

  it.each(["deleted"])("%s: deletes the payload repository without calling GitHub", async (action) => {
    const payload = { ...example("repository", "created"), action };
    const fake = new FakeGitHub();
    const changes = await handleRepositoryEvent(fakeContext(fake), event("repository", payload), resource());
    expect(changes).toEqual({ kind: "repository", upserted: [], deleted: [payload.repository] });
    expect(fake.log).toEqual([]);
  });

  it("privatized while repositoryType is public: deletes (the action wins over a stale visibility)", async () => {
    const payload = example("repository", "privatized");
    expect(payload.repository.visibility).toBe("public"); // GitHub's example is stale here
    const fake = new FakeGitHub();
    const changes = await handleRepositoryEvent(
      fakeContext(fake),
      event("repository", payload),
      resource({}, { repositoryType: "public" }),
    );
    expect(changes?.deleted).toEqual([payload.repository]);
    expect(changes?.upserted).toEqual([]);
  });

  it("publicized while repositoryType is public: upserts", async () => {
    const payload = example("repository", "publicized");
    const fake = new FakeGitHub().on("GET", "/repos/Octocoders/Hello-World", {
      body: restRepository(payload),
    });
    const changes = await handleRepositoryEvent(
      fakeContext(fake),
      event("repository", payload),
      resource({}, { repositoryType: "public" }),
    );
    expect(changes?.upserted).toHaveLength(1);
  });

  it("an internal repository counts as private (GitHub lists it under type=private)", async () => {
    const payload = example("repository", "edited");
    payload.repository.visibility = "internal";
    payload.repository.private = true;
    const fake = new FakeGitHub().on("GET", "/repos/Octocoders/Hello-World", {
      body: restRepository(payload, { visibility: "internal", private: true }),
    });
    const privateOnly = await handleRepositoryEvent(
      fakeContext(fake),
      event("repository", payload),
      resource({}, { repositoryType: "private" }),
    );
    expect(privateOnly?.upserted).toHaveLength(1);
    const publicOnly = await handleRepositoryEvent(
      fakeContext(fake),
      event("repository", payload),
      resource({}, { repositoryType: "public" }),
    );
    expect(publicOnly?.deleted).toHaveLength(1);
  });

  it("renamed: upserts the new name and deletes the entity of the old name", async () => {
    const payload = example("repository", "renamed");
    payload.changes = { repository: { name: { from: "Old-World" } } };
    const fake = new FakeGitHub().on("GET", "/repos/Octocoders/Hello-World", {
      body: restRepository(payload),
    });
    const changes = await handleRepositoryEvent(fakeContext(fake), event("repository", payload), resource());
    expect(changes?.upserted.map((r) => r.name)).toEqual(["Hello-World"]);
    const [old] = changes?.deleted ?? [];
    expect(old?.name).toBe("Old-World");
    expect(old?.full_name).toBe("Octocoders/Old-World");
    expect(old?.html_url).toBe("https://github.com/Octocoders/Old-World");
    expect(old?.id).toBeUndefined(); // an id-based identifier must not delete the renamed entity
    expect(old?.node_id).toBeUndefined();
  });

  it("a 404 on the re-fetch deletes the repository (the integration can no longer see it)", async () => {
    const payload = example("repository", "edited");
    const changes = await handleRepositoryEvent(
      fakeContext(new FakeGitHub()),
      event("repository", payload),
      resource(),
    );
    expect(changes?.deleted).toEqual([payload.repository]);
  });

  it("a 401 on the re-fetch is an error, not a silent no-op", async () => {
    const payload = example("repository", "edited");
    const fake = new FakeGitHub().on("GET", "/repos/Octocoders/Hello-World", {
      status: 401,
      body: { message: "Bad credentials" },
    });
    const error = await handleRepositoryEvent(
      fakeContext(fake),
      event("repository", payload),
      resource(),
    ).catch((e: unknown) => e);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_BAD_CREDENTIALS");
  });

  it("ignores deliveries from an organization other than githubOrganization", async () => {
    const payload = example("repository", "created");
    const fake = new FakeGitHub();
    const changes = await handleRepositoryEvent(
      fakeContext(fake, { githubOrganization: "someone-else" }),
      event("repository", payload),
      resource(),
    );
    expect(changes).toBeNull();
    expect(fake.log).toEqual([]);
  });

  it("repoSearch: proceeds only when the search finds the same repository id", async () => {
    const payload = example("repository", "edited");
    const miss = new FakeGitHub().on("GET", "/search/repositories", { body: { total_count: 0, items: [] } });
    expect(
      await handleRepositoryEvent(
        fakeContext(miss),
        event("repository", payload),
        resource({ repoSearch: { query: "topic:x" } }),
      ),
    ).toBeNull();
    expect(miss.log[0]?.query.q).toBe("org:Octocoders topic:x Hello-World in:name");

    const hit = new FakeGitHub()
      .on("GET", "/search/repositories", { body: { total_count: 1, items: [{ id: payload.repository.id }] } })
      .on("GET", "/repos/Octocoders/Hello-World", { body: restRepository(payload) });
    const changes = await handleRepositoryEvent(
      fakeContext(hit),
      event("repository", payload),
      resource({ repoSearch: { query: "topic:x" } }),
    );
    expect(changes?.upserted).toHaveLength(1);
  });

  it("member events re-fetch only when the selector includes collaborators", async () => {
    const payload = example("member", "added", false);
    const quiet = new FakeGitHub();
    expect(await handleRepositoryEvent(fakeContext(quiet), event("member", payload), resource())).toBeNull();
    expect(quiet.log).toEqual([]);

    const fake = new FakeGitHub()
      .on("GET", "/repos/Codertocat/Hello-World", { body: restRepository(payload) })
      .on("GET", "/repos/Codertocat/Hello-World/collaborators", { body: [{ login: "Codertocat" }] });
    const changes = await handleRepositoryEvent(
      fakeContext(fake),
      event("member", payload),
      resource({ includedRelations: { collaborators: true } }),
    );
    expect(changes?.upserted[0]?.__collaborators).toEqual([{ login: "Codertocat" }]);
  });

  it("team added_to_repository re-fetches only when the selector includes teams", async () => {
    const payload = example("team", "added_to_repository");
    const fake = new FakeGitHub()
      .on("GET", "/repos/Octocoders/Hello-World", { body: restRepository(payload) })
      .on("GET", "/repos/Octocoders/Hello-World/teams", { body: [{ slug: "core" }] });
    expect(await handleRepositoryEvent(fakeContext(fake), event("team", payload), resource())).toBeNull();
    const changes = await handleRepositoryEvent(
      fakeContext(fake),
      event("team", payload),
      resource({ include: ["teams"] }),
    );
    expect(changes?.upserted[0]?.__teams).toEqual([{ slug: "core" }]);
  });

  it("other events and unknown actions change nothing", async () => {
    const fake = new FakeGitHub();
    const push = examplesOf("push")[0] as Payload;
    expect(await handleRepositoryEvent(fakeContext(fake), event("push", push), resource())).toBeNull();
    const odd = { ...example("repository", "created"), action: "mystery" };
    expect(await handleRepositoryEvent(fakeContext(fake), event("repository", odd), resource())).toBeNull();
    expect(fake.log).toEqual([]);
  });

  it("a hostile repository name or owner is rejected before any request", async () => {
    for (const [field, value] of [
      ["name", ".."],
      ["name", "a/b"],
      ["owner", "../admin"],
    ] as const) {
      const payload = example("repository", "edited");
      if (field === "name") payload.repository.name = value;
      else payload.repository.owner = { login: value };
      const fake = new FakeGitHub();
      const error = await handleRepositoryEvent(
        fakeContext(fake),
        event("repository", payload),
        resource(),
      ).catch((e: unknown) => e);
      expect(isPortolanError(error) && error.code, `${field}=${value}`).toBe("GITHUB_INVALID_PAYLOAD");
      expect(fake.log).toEqual([]);
    }
  });

  it("a payload without repository.name is GITHUB_INVALID_PAYLOAD naming the field and the delivery", async () => {
    const payload = example("repository", "created");
    delete payload.repository.name;
    const error = await handleRepositoryEvent(
      fakeContext(new FakeGitHub()),
      event("repository", payload),
      resource(),
    ).catch((e: unknown) => e);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_INVALID_PAYLOAD");
    expect(isPortolanError(error) && error.where).toEqual({
      source: "webhook delivery delivery-1",
      path: "repository.name",
    });
  });
});

describe("withOldName", () => {
  it("rewrites name, full_name and URLs, leaving look-alike names alone", () => {
    const repository = {
      id: 1,
      name: "api",
      full_name: "acme/api",
      owner: { login: "acme" },
      html_url: "https://github.com/acme/api",
      url: "https://api.github.com/repos/acme/api",
      ssh_url: "git@github.com:acme/api.git",
      hooks_url: "https://api.github.com/repos/acme/api/hooks",
      homepage: "https://github.com/acme/api-docs",
      description: "acme/api",
    };
    const { id: _id, ...unchanged } = repository;
    expect(withOldName(repository, "legacy")).toEqual({
      ...unchanged,
      name: "legacy",
      full_name: "acme/legacy",
      html_url: "https://github.com/acme/legacy",
      url: "https://api.github.com/repos/acme/legacy",
      ssh_url: "git@github.com:acme/legacy.git",
      hooks_url: "https://api.github.com/repos/acme/legacy/hooks",
    });
  });
});
