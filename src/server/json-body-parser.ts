import { errorCodes, type FastifyInstance } from "fastify";
import secureJson from "secure-json-parse";
import { PortolanError } from "../engine/errors/portolan-error.js";
import { MAX_API_BODY_BYTES } from "./request-error-problem.js";

/** A refused body: a PortolanError the server's error handler answers with this status. */
export type BodyError = PortolanError & { statusCode: number };

/**
 * Replaces Fastify's `application/json` parser, which refuses a body holding `__proto__` (or a
 * `constructor` holding `prototype`) with "not valid JSON" and drops the reason of a real syntax
 * error. This one says which: the JSON parser's reason, or the forbidden key and where it is.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string", bodyLimit: MAX_API_BODY_BYTES },
    (_request, body, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      // As Fastify's own parser: an empty body with a JSON content type is refused (REQUEST_BAD_JSON).
      if (text.length === 0) return done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), undefined);
      try {
        done(null, parseJsonBody(text));
      } catch (error) {
        done(error as BodyError, undefined);
      }
    },
  );
}

/**
 * The body's value; throws REQUEST_BAD_JSON (with the parser's reason) for text that is not JSON
 * and REQUEST_FORBIDDEN_KEY (naming the key and its path) for JSON holding a key that could
 * change an object's prototype once the body is copied or merged.
 */
export function parseJsonBody(text: string): unknown {
  try {
    // secure-json-parse skips the scan of the value when the text holds no suspect key at all.
    return secureJson.parse(text, null, { protoAction: "error", constructorAction: "error" });
  } catch {
    // Refused: parse again, to tell a syntax error from a forbidden key and to say where it is.
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw refused(
      new PortolanError("REQUEST_BAD_JSON", `the body is not valid JSON: ${reason}`, {
        hint: "Send a JSON object.",
      }),
    );
  }
  // Both look for the same keys, so this always finds one; the words without it are a safe net.
  const found = findForbiddenKey(value);
  const what = found
    ? `the key "${found.key}" at ${found.path}`
    : 'a "__proto__" or "constructor.prototype" key';
  throw refused(
    new PortolanError(
      "REQUEST_FORBIDDEN_KEY",
      `the body holds ${what}, which the API refuses: it could change the prototype of the objects the body is read into`,
      { hint: `Remove or rename ${what}; no field of the API has that name.` },
    ),
  );
}

/** A key that secure-json-parse refuses: `__proto__`, or `constructor` holding `prototype`. */
export interface ForbiddenKey {
  key: "__proto__" | "constructor.prototype";
  /** Where it is, e.g. `integrationSettings.__proto__` or `items[2].constructor.prototype`. */
  path: string;
}

/** A value met on the walk, with how it was reached (its path is only spelled out when needed). */
interface Step {
  value: unknown;
  parent: Step | undefined;
  /** `name`, `["a key"]` or `[3]`, as `pathOf` joins them. */
  step: string;
}

/** Paths longer than this lose their first steps: the message names the end, where the key is. */
const MAX_PATH_CHARS = 200;

/**
 * The first forbidden key of a parsed JSON value, depth first in key order; undefined if it holds none.
 * Walks with a stack of its own, so a body nested a hundred thousand deep cannot overflow the call stack.
 */
export function findForbiddenKey(value: unknown): ForbiddenKey | undefined {
  const stack: Step[] = [{ value, parent: undefined, step: "" }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const node = next.value;
    if (node === null || typeof node !== "object") continue;
    const children: Step[] = [];
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries())
        children.push({ value: item, parent: next, step: `[${index}]` });
    } else {
      for (const [key, item] of Object.entries(node)) {
        const step = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
        if (key === "__proto__")
          return { key: "__proto__", path: pathOf({ value: item, parent: next, step }) };
        if (
          key === "constructor" &&
          item !== null &&
          typeof item === "object" &&
          Object.hasOwn(item, "prototype")
        ) {
          const holder: Step = { value: item, parent: next, step };
          return {
            key: "constructor.prototype",
            path: pathOf({ value: undefined, parent: holder, step: "prototype" }),
          };
        }
        children.push({ value: item, parent: next, step });
      }
    }
    // Last pushed is first taken: reversed, the walk takes children in key order.
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as Step);
  }
  return undefined;
}

/** `a.b[0]["odd key"].c`; past MAX_PATH_CHARS, its last whole steps behind "…". */
function pathOf(last: Step): string {
  let path = "";
  for (let step: Step | undefined = last; step?.parent; step = step.parent) {
    const longer = path === "" || path.startsWith("[") ? `${step.step}${path}` : `${step.step}.${path}`;
    if (longer.length > MAX_PATH_CHARS) return `…${path}`;
    path = longer;
  }
  return path;
}

/** The error with the status the server's error handler answers it with. */
function refused(error: PortolanError): BodyError {
  return Object.assign(error, { statusCode: 400 });
}
