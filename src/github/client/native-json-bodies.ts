/**
 * Successful GET answers parsed with the engine's own `JSON.parse`, their text kept beside the data.
 *
 * Octokit parses every JSON answer with json-with-bigint, which on Node 20 rewrites the whole text with
 * a regular expression and then parses it with a reviver called for every value: the largest cost of a
 * resync after the store (a `medium` organization's pull-request pages: about 0.5 s of 7 s). GitHub's
 * numbers all fit a double exactly (ids are far below 2^53), so the plain parse gives the same data.
 * Keeping the text also spares the ETag cache serializing the data again to store it.
 *
 * Done with Octokit's documented `request.parseSuccessResponseBody: false` (the body then comes as a
 * stream); error and 304 answers are still parsed by Octokit, as its error handling expects.
 */
import type { GitHubOctokit } from "./github-octokit.js";
import { bodyBytes, bodyText } from "./whole-body-response.js";

/** The text a successful JSON answer was parsed from (for the ETag cache), on the response object. */
export const RESPONSE_TEXT = Symbol("response text");

/** A response as Octokit gives it, with the text of a JSON answer this hook parsed. */
export type WithText<Response> = Response & { [RESPONSE_TEXT]?: string };

export function installNativeJsonBodies(octokit: GitHubOctokit): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    options.request = { ...options.request, parseSuccessResponseBody: false };
    const response: WithText<Awaited<ReturnType<typeof request>>> = await request(options);
    if (!(response.data instanceof ReadableStream)) return response;
    const body = response.data;
    // Read as Octokit reads a success (its `getResponseData`), only the JSON parse differs.
    const [type = "", ...parameters] = String(response.headers["content-type"] ?? "").split(";");
    const mediaType = type.trim().toLowerCase();
    const utf8 = parameters.some((parameter) => /^\s*charset="?utf-8"?\s*$/i.test(parameter));
    if (mediaType === "application/json" || mediaType === "application/scim+json") {
      const text = await bodyText(body);
      // As Octokit does: a JSON answer that does not parse is its text.
      try {
        response.data = JSON.parse(text);
        response[RESPONSE_TEXT] = text;
      } catch {
        response.data = text;
      }
    } else if (
      mediaType === "" ||
      mediaType.startsWith("text/") ||
      (utf8 && mediaType !== "application/octet-stream")
    ) {
      response.data = await bodyText(body);
    } else {
      response.data = await bodyBytes(body);
    }
    return response;
  });
}
