import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { renderContentFile, renderDirectoryEntry } from "../shapes/render-content.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { RepositoryRecord } from "../state/repository.js";

const DOCS = "https://docs.github.com/rest/repos/contents#get-repository-content";

/** Whether the `Accept` header asks for the raw media type (`application/vnd.github.raw`, `.v3.raw`). */
function wantsRaw(request: FastifyRequest): boolean {
  return /application\/vnd\.github(?:\.v3)?\.raw/i.test(request.headers.accept ?? "");
}

/**
 * `GET /repos/{owner}/{repo}/contents/{path}?ref=`: a file as `content-file` (base64), a directory as the
 * list of its entries, `404` for unknown paths or refs, GitHub's "This repository is empty." for a
 * repository without files. `Accept: application/vnd.github.raw` returns the file's bytes. At
 * `/repositories/{id}/contents/…` too.
 */
export function registerContentsRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const answer = (repo: RepositoryRecord, rawPath: string, request: FastifyRequest, reply: FastifyReply) => {
    const { urls } = requireContext(request.github);
    const query = request.query as Record<string, string>;
    const ref = query.ref && query.ref.length > 0 ? query.ref : repo.defaultBranch;
    const path = rawPath.replace(/^\/+|\/+$/g, "");
    if (state.listFiles(repo.id, repo.defaultBranch).length === 0) {
      return sendGitHubError(reply, 404, "This repository is empty.", DOCS);
    }
    if (!state.hasRef(repo.id, ref))
      return sendGitHubError(reply, 404, `No commit found for the ref ${ref}`, DOCS);
    const files = state.listFiles(repo.id, ref);
    const fullName = `${state.getAccount(repo.ownerId).login}/${repo.name}`;
    const text = path === "" ? undefined : state.readFile(repo.id, ref, path);
    if (text !== undefined) {
      if (wantsRaw(request)) return reply.type("text/plain; charset=utf-8").send(text);
      return renderContentFile({ urls, fullName, ref, path }, text);
    }
    const prefix = path === "" ? "" : `${path}/`;
    const below = files.filter((file) => file.startsWith(prefix));
    if (below.length === 0) return sendNotFound(reply, DOCS);
    const children = new Map<string, string[]>();
    for (const file of below) {
      const [head, ...rest] = file.slice(prefix.length).split("/");
      const name = head as string;
      const list = children.get(name) ?? [];
      if (rest.length > 0) list.push(rest.join("/"));
      children.set(name, list);
    }
    const names = [...children.keys()].sort();
    return names.map((name) => {
      const childPath = `${prefix}${name}`;
      const nested = children.get(name) ?? [];
      const fileText = state.readFile(repo.id, ref, childPath);
      return renderDirectoryEntry(
        { urls, fullName, ref, path: childPath },
        fileText !== undefined ? { type: "file", text: fileText } : { type: "dir", children: nested },
      );
    });
  };

  registerRepositoryGet(
    app,
    state,
    { path: "/contents", documentationUrl: DOCS, permission: "contents=read" },
    (repo, request, reply) => answer(repo, "", request, reply),
  );
  registerRepositoryGet(
    app,
    state,
    { path: "/contents/*", documentationUrl: DOCS, permission: "contents=read" },
    (repo, request, reply) => answer(repo, request.params["*"] ?? "", request, reply),
  );
}
