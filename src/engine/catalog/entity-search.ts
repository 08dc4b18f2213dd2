import { z } from "zod";
import { PortolanError } from "../errors/portolan-error.js";

/** One condition of Port's search language: `{property, operator, value}`. */
export interface EntitySearchRule {
  property: string;
  operator: string;
  value?: unknown;
}

/** Port's search query: rules (or nested queries) joined by `and` / `or`. */
export interface EntitySearch {
  combinator: "and" | "or";
  rules: Array<EntitySearchRule | EntitySearch>;
}

const entitySearchRuleSchema = z.looseObject({
  property: z.string().min(1),
  operator: z.string().min(1),
  value: z.unknown().optional(),
});

export const entitySearchSchema: z.ZodType<EntitySearch> = z.lazy(() =>
  z.object({
    combinator: z.enum(["and", "or"]),
    rules: z.array(z.union([entitySearchSchema, entitySearchRuleSchema])),
  }),
);

/** The operators Portolan evaluates; Port has more (relation rules, date presets), refused by name. */
export const SEARCH_OPERATORS = [
  "=",
  "!=",
  "in",
  "notIn",
  "contains",
  "doesNotContains",
  "containsAny",
  "beginsWith",
  "endsWith",
  "isEmpty",
  "isNotEmpty",
  ">",
  ">=",
  "<",
  "<=",
  "between",
] as const;

const COMPARISONS = new Set([">", ">=", "<", "<="]);

/** Meta properties held in their own text columns. */
const TEXT_COLUMNS: Record<string, string> = {
  $identifier: "e.identifier",
  $title: "e.title",
  $blueprint: "e.blueprint",
  $datasource: "e.data_source",
  $icon: "e.icon",
};

const TIME_COLUMNS: Record<string, string> = { $createdAt: "e.created_at", $updatedAt: "e.updated_at" };

type Bind = (value: unknown) => string;

/**
 * Compiles a search query to a SQL condition over `entities e`, adding its values to `parameters`
 * (never into the SQL text). An operator or field Portolan does not evaluate is refused with
 * `PORT_SEARCH_UNSUPPORTED` rather than silently matching nothing.
 */
export function compileSearch(query: EntitySearch, parameters: unknown[]): string {
  const bind: Bind = (value) => `$${parameters.push(value)}`;
  return compileQuery(query, bind, "rules");
}

function compileQuery(query: EntitySearch, bind: Bind, path: string): string {
  if (query.rules.length === 0) return query.combinator === "and" ? "TRUE" : "FALSE";
  const parts = query.rules.map((rule, index) =>
    "combinator" in rule
      ? compileQuery(rule, bind, `${path}[${index}].rules`)
      : compileRule(rule, bind, `${path}[${index}]`),
  );
  return `(${parts.join(query.combinator === "and" ? " AND " : " OR ")})`;
}

function compileRule(rule: EntitySearchRule, bind: Bind, path: string): string {
  if (!(SEARCH_OPERATORS as readonly string[]).includes(rule.operator)) {
    throw unsupported(
      `operator "${rule.operator}" is not supported`,
      path,
      `Use one of ${SEARCH_OPERATORS.join(", ")}.`,
    );
  }
  const time = TIME_COLUMNS[rule.property];
  if (time) return timeCondition(time, rule, bind, path);
  const text = TEXT_COLUMNS[rule.property];
  if (text) return textCondition(text, rule, bind, path);
  if (rule.property.startsWith("$") && rule.property !== "$team") {
    throw unsupported(
      `meta property "${rule.property}" is not searchable`,
      path,
      `Search ${[...Object.keys(TEXT_COLUMNS), ...Object.keys(TIME_COLUMNS), "$team"].join(", ")} or a property.`,
    );
  }
  const json = rule.property === "$team" ? "e.team" : `(e.properties -> ${bind(rule.property)})`;
  return jsonCondition(json, rule, bind, path);
}

function textCondition(column: string, rule: EntitySearchRule, bind: Bind, path: string): string {
  const { operator, value } = rule;
  if (operator === "isEmpty") return `coalesce(${column}, '') = ''`;
  if (operator === "isNotEmpty") return `coalesce(${column}, '') <> ''`;
  if (operator === "=" && value === null) return `${column} IS NULL`;
  if (operator === "!=" && value === null) return `${column} IS NOT NULL`;
  if (operator === "in" || operator === "notIn" || operator === "containsAny") {
    const list = bind(stringList(value, path));
    return operator === "notIn"
      ? `NOT (${column} = ANY(${list}::text[]))`
      : `${column} = ANY(${list}::text[])`;
  }
  if (operator === "between") {
    const { from, to } = range(value, path);
    return `(${column} >= ${bind(from)}::text AND ${column} <= ${bind(to)}::text)`;
  }
  const given = bind(text(value, path));
  switch (operator) {
    case "=":
      return `${column} = ${given}::text`;
    case "!=":
      return `${column} IS DISTINCT FROM ${given}::text`;
    case "contains":
      return `strpos(${column}, ${given}::text) > 0`;
    case "doesNotContains":
      return `coalesce(strpos(${column}, ${given}::text), 0) = 0`;
    case "beginsWith":
      return `starts_with(${column}, ${given}::text)`;
    case "endsWith":
      return `right(${column}, length(${given}::text)) = ${given}::text`;
    default:
      return `${column} ${operator} ${given}::text`;
  }
}

function jsonCondition(json: string, rule: EntitySearchRule, bind: Bind, path: string): string {
  const { operator, value } = rule;
  const asText = `(${json} #>> '{}')`;
  switch (operator) {
    case "isEmpty":
      return `coalesce(${json}, 'null'::jsonb) IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;
    case "isNotEmpty":
      return `coalesce(${json}, 'null'::jsonb) NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;
    case "=":
      return value === null
        ? `coalesce(${json}, 'null'::jsonb) = 'null'::jsonb`
        : `${json} = ${bindJson(value, bind)}`;
    case "!=":
      // A missing property counts as null, as for `=`.
      return `coalesce(${json}, 'null'::jsonb) <> ${bindJson(value, bind)}`;
    case "in":
    case "notIn": {
      const list = bindJson(valueList(value, path), bind);
      const member = `coalesce(${json} IN (SELECT jsonb_array_elements(${list})), false)`;
      return operator === "in" ? member : `NOT ${member}`;
    }
    case "containsAny":
      // `?|` matches the string elements of an array value and a string value alike.
      return `coalesce(${json} ?| ${bind(stringList(value, path))}::text[], false)`;
    case "contains":
    case "doesNotContains": {
      // An array property contains an element; a string property contains a substring.
      const element = bindJson(value, bind);
      const has = `CASE jsonb_typeof(${json}) WHEN 'array' THEN ${json} @> jsonb_build_array(${element}) ELSE coalesce(strpos(${asText}, ${bind(text(value, path))}::text) > 0, false) END`;
      return operator === "contains" ? `coalesce(${has}, false)` : `NOT coalesce(${has}, false)`;
    }
    case "beginsWith":
      return `coalesce(starts_with(${asText}, ${bind(text(value, path))}::text), false)`;
    case "endsWith": {
      const given = bind(text(value, path));
      return `coalesce(right(${asText}, length(${given}::text)) = ${given}::text, false)`;
    }
    case "between": {
      const { from, to } = range(value, path);
      return `(${asText} >= ${bind(from)}::text AND ${asText} <= ${bind(to)}::text)`;
    }
    default: {
      if (!COMPARISONS.has(operator)) throw unsupported(`operator "${operator}" is not supported`, path);
      // jsonb orders numbers numerically and strings (ISO dates) as text, but not across types.
      const given = bindJson(value, bind);
      return `(jsonb_typeof(${json}) = jsonb_typeof(${given}) AND ${json} ${operator} ${given})`;
    }
  }
}

function timeCondition(column: string, rule: EntitySearchRule, bind: Bind, path: string): string {
  if (rule.operator === "between") {
    const { from, to } = range(rule.value, path);
    return `(${column} >= ${bind(from)}::timestamptz AND ${column} <= ${bind(to)}::timestamptz)`;
  }
  if (!COMPARISONS.has(rule.operator)) {
    throw unsupported(
      `operator "${rule.operator}" is not supported on ${rule.property}`,
      path,
      "Dates take >, >=, <, <= or between with {from, to}.",
    );
  }
  return `${column} ${rule.operator} ${bind(text(rule.value, path))}::timestamptz`;
}

function bindJson(value: unknown, bind: Bind): string {
  return `${bind(JSON.stringify(value ?? null))}::jsonb`;
}

function text(value: unknown, path: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw unsupported("value must be a string, number or boolean", `${path}.value`);
}

function valueList(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw unsupported("value must be a list", `${path}.value`);
}

function stringList(value: unknown, path: string): string[] {
  return valueList(value, path).map((item) => text(item, path));
}

function range(value: unknown, path: string): { from: string; to: string } {
  const given = value as { from?: unknown; to?: unknown } | null;
  if (given && typeof given === "object" && given.from !== undefined && given.to !== undefined) {
    return { from: text(given.from, path), to: text(given.to, path) };
  }
  throw unsupported(
    "between takes {from, to}",
    `${path}.value`,
    "Date presets are not supported; give from and to.",
  );
}

function unsupported(message: string, path: string, hint?: string): PortolanError {
  return new PortolanError("PORT_SEARCH_UNSUPPORTED", message, {
    where: { source: "search query", path },
    hint: hint ?? "See the search operators in README's \"Port's API\" section.",
  });
}
