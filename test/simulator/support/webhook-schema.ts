import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const schema = createRequire(import.meta.url)("@octokit/webhooks-schemas") as {
  definitions: Record<string, JsonObject>;
};

/** One way `@octokit/webhooks-schemas` is known to lag or differ from the payloads GitHub sends. */
interface WebhookSchemaException {
  definition: RegExp;
  problem: RegExp;
  why: string;
}

/**
 * The one list of accepted differences between the simulator's payloads and the webhook schemas; each
 * entry is a place where the schema, not the simulator, is behind real GitHub. Anything else is a
 * payload-builder bug to fix.
 */
const WEBHOOK_SCHEMA_EXCEPTIONS: WebhookSchemaException[] = [
  {
    definition:
      /^(dependabot_alert\$auto_(dismissed|reopened)|secret_scanning_alert\$(validated|publicly_leaked))$/,
    problem: /^no schema definition/,
    why: "GitHub sends these actions (its webhook docs list them); webhooks-schemas has no definition for them yet",
  },
  {
    definition: /_alert\$/,
    problem: /^\/sender\/\w*url: must be equal to constant$/,
    why: "the schema pins GitHub's own `github` account to api.github.com URLs; the simulator's URLs point at itself, like every URL it sends",
  },
  {
    definition: /^code_scanning_alert\$appeared_in_branch$/,
    problem:
      /^\/alert\/(rule|tool): must NOT have additional properties \{"additionalProperty":"(name|tags|help|guid)"\}$/,
    why: "the other code_scanning_alert actions' definitions (and GitHub's payloads) have rule.name/tags/help and tool.guid; this one was written from an older sample",
  },
  {
    definition: /^secret_scanning_alert\$/,
    problem:
      /^\/alert: must NOT have additional properties \{"additionalProperty":"(validity|publicly_leaked|multi_repo|is_base64_encoded)"\}$/,
    why: "fields GitHub added to secret scanning alerts in 2024-25 (in the REST secret-scanning-alert); webhooks-schemas predates them",
  },
  {
    definition: /^release\$/,
    problem: /^\/release\/body: must be string$/,
    why: "a release made without notes has body null (see @octokit/webhooks-examples release published); the schema says string",
  },
  {
    definition: /^dependabot_alert\$/,
    problem:
      /^\/alert\/(security_advisory\/vulnerabilities\/\d+|security_vulnerability)\/first_patched_version: must be object$/,
    why: "GitHub sends null while no version fixes the advisory (nullable in the REST dependabot-alert); the schema has no null",
  },
  {
    definition: /^deployment_status\$/,
    problem: /^\/deployment_status\/(environment_url|log_url|target_url): must match format "uri"$/,
    why: 'GitHub sends "" for a URL the status was created without (see @octokit/webhooks-examples deployment_status)',
  },
  {
    definition: /^secret_scanning_alert\$reopened$/,
    problem: /^\/alert: must NOT have additional properties/,
    why: "this definition lists five alert keys only; GitHub sends the whole alert as for resolved (whose definition has them)",
  },
];

/**
 * `user_view_type` is on every user object GitHub sends since 2024 (it is in the REST OpenAPI
 * `simple-user`); webhooks-schemas predates it and closes user objects with `additionalProperties: false`.
 * Declared here on every closed object with a `login`, rather than excused per message.
 */
function withUserViewType(node: Json): Json {
  if (Array.isArray(node)) return node.map(withUserViewType);
  if (node === null || typeof node !== "object") return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) copy[key] = withUserViewType(value);
  const properties = copy.properties;
  if (
    copy.additionalProperties === false &&
    properties &&
    typeof properties === "object" &&
    "login" in properties
  ) {
    copy.properties = { ...(properties as JsonObject), user_view_type: { type: "string" } };
  }
  return copy;
}

// ajv-formats is CommonJS with a default export; under NodeNext the plugin sits on `.default`.
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormatsModule.default(ajv);
// Only the definitions: the package's root `oneOf` over every event would be compiled whole on first use.
ajv.addSchema({ definitions: withUserViewType(schema.definitions as unknown as Json) } as object, "webhooks");
const validators = new Map<string, ValidateFunction>();

/** The schema definition of a delivery: `push$event`, `pull_request$opened`, ... */
export function webhookDefinition(event: string, payload: unknown): string {
  const action = (payload as { action?: unknown } | null)?.action;
  return `${event}$${typeof action === "string" ? action : "event"}`;
}

/**
 * Every way `payload` breaks GitHub's published webhook schema (`@octokit/webhooks-schemas`) for
 * `definition` (`push$event`, `repository$renamed`, ...), as `pointer: message`, validated by ajv with
 * formats; empty when it fits (or differs only as the exceptions above allow).
 */
export function webhookPayloadProblems(definition: string, payload: unknown): string[] {
  let validate = validators.get(definition);
  if (!validate && schema.definitions[definition]) {
    validate = ajv.getSchema(`webhooks#/definitions/${encodeURIComponent(definition)}`);
    if (validate) validators.set(definition, validate);
  }
  const problems = !validate
    ? [`no schema definition ${definition}`]
    : validate(payload)
      ? []
      : (validate.errors ?? []).map(
          (error) =>
            `${error.instancePath || "/"}: ${error.message ?? error.keyword}${
              error.keyword === "additionalProperties" || error.keyword === "enum"
                ? ` ${JSON.stringify(error.params)}`
                : ""
            }`,
        );
  return [...new Set(problems)].filter(
    (problem) =>
      !WEBHOOK_SCHEMA_EXCEPTIONS.some(
        (exception) => exception.definition.test(definition) && exception.problem.test(problem),
      ),
  );
}
