import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import type { OpenApiContract } from "../support/openapi-contract.js";
import { call } from "../support/simulator-http.js";
import { isKnownException } from "./openapi-exceptions.js";
import type { ExampleRequest } from "./rest-examples.js";

/**
 * Sends one request to a running simulator at one API root (`base`: `""` or `/api/v3`) and checks the
 * answer against `contract`: the expected status, a documented status, the body's schema (GitHub's
 * `basic-error` for undocumented errors), JSON content type, `Link` URLs on this root and at most
 * `per_page` (≤ 100) items. Mismatches the exceptions list does not allow are pushed to `mismatches`.
 */
export function contractExchange(options: {
  sim: RunningSimulator;
  base: string;
  contract: OpenApiContract;
  mismatches: string[];
  /** The token an example asks for (`scopes`, `login`, `credential`); undefined for the admin token. */
  tokenFor: (example: ExampleRequest) => Promise<string | undefined>;
}) {
  const { sim, base, contract, mismatches, tokenFor } = options;
  const report = (operation: string, where: string, status: number, problem: string) => {
    if (!isKnownException(contract.name, operation, status, problem)) {
      mismatches.push(`${contract.name} ${where} → ${status} ${problem}`);
    }
  };
  return async (
    entryOperation: string,
    method: string,
    example: ExampleRequest,
    headers: Record<string, string> = {},
    token?: string | null,
  ) => {
    const operation = example.operation ?? entryOperation;
    const where = `${method} ${base}${example.path}`;
    const answer = await call(sim, example.path, {
      method,
      base: `${sim.url}${base}`,
      body: example.body,
      headers,
      token: token !== undefined ? token : await tokenFor(example),
    });
    // A conditional GET of a resource that changed meanwhile (`/rate_limit`'s resets tick) is a new 200.
    const changedSince =
      headers["if-none-match"] !== undefined &&
      answer.status === 200 &&
      answer.headers.get("etag") !== headers["if-none-match"];
    if (answer.status !== example.status && !changedSince) {
      report(operation, where, answer.status, `expected ${example.status}: ${answer.text.slice(0, 200)}`);
    }
    if (!contract.operation(operation)) {
      report(operation, where, answer.status, `operation ${operation} is not in the description`);
      return answer;
    }
    const body = answer.text === "" ? undefined : answer.body;
    const contentType = answer.headers.get("content-type") ?? "";
    if (body !== undefined && !contentType.startsWith("application/json")) {
      report(operation, where, answer.status, `content-type ${contentType} is not application/json`);
    }
    const checked = contract.check(operation, answer.status, body);
    if (!checked.documented.includes(String(answer.status))) {
      report(
        operation,
        where,
        answer.status,
        `status ${answer.status} is not documented (${checked.documented.join(", ")})`,
      );
      if (answer.status >= 400) {
        for (const problem of contract.checkSchema("basic-error", body))
          report(operation, where, answer.status, problem);
      }
    }
    for (const problem of checked.problems) report(operation, where, answer.status, problem);
    // `Link` comes only with more than one page; a documented `Location` (201, 302) always comes.
    if (
      contract.documentedHeaders(operation, answer.status).includes("Location") &&
      !answer.headers.has("location")
    ) {
      report(operation, where, answer.status, "no Location header, which the description documents");
    }
    const link = answer.headers.get("link");
    if (link) {
      for (const part of link.split(", ")) {
        const parsed = /^<([^>]+)>; rel="(prev|next|last|first)"$/.exec(part);
        if (!parsed?.[1]?.startsWith(`${sim.url}${base}/`)) {
          report(operation, where, answer.status, `Link part ${part} is not <${sim.url}${base}/…>; rel="…"`);
        }
      }
    }
    const perPage = Number(new URL(example.path, sim.url).searchParams.get("per_page") ?? 30);
    if (Array.isArray(answer.body) && answer.body.length > Math.min(perPage, 100)) {
      report(operation, where, answer.status, `${answer.body.length} items for per_page=${perPage}`);
    }
    return answer;
  };
}
