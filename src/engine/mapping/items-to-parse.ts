import type { RawObject } from "../integration/integration.js";
import { type CompiledExpression, compileExpression, evaluateFirst } from "./compile-expression.js";

/** A resource's `itemsToParse`, compiled: each raw object becomes one object per array element. */
export interface CompiledItemsToParse {
  readonly expression: CompiledExpression;
  /** The key each element is put under (`itemsToParseName`, default `item`). */
  readonly name: string;
  /** `del(<path>)` removing the parsed array from the parent (`itemsToParseTopLevelTransform`). */
  readonly removeFromParent: CompiledExpression | undefined;
}

export interface ItemsToParseWarning {
  message: string;
  sample: string;
}

export function compileItemsToParse(
  expression: string,
  name: string,
  topLevelTransform: boolean,
): CompiledItemsToParse {
  return {
    expression: compileExpression(expression),
    name,
    removeFromParent: topLevelTransform
      ? compileExpression(`. | del(${deletionPath(expression)})`)
      : undefined,
  };
}

/**
 * The path Ocean removes from the parent: the first plain path of the expression's pipeline
 * (`.members.nodes`, `.a[0].b`, `.["x"]`), skipping `.`, `. as $x` and `$var` stages and looking
 * inside a leading parenthesised group; `.` when there is none (which removes everything, so the
 * object is then skipped, as in Ocean).
 */
export function deletionPath(expression: string): string {
  for (const stage of topLevelStages(expression)) {
    const text = stage.trim();
    if (text === "." || text.startsWith("$") || /^\.\s+as\s+\$/.test(text)) continue;
    if (text.startsWith("(") && text.endsWith(")")) return deletionPath(text.slice(1, -1));
    const path = /^(?:\.[A-Za-z_][A-Za-z0-9_]*|\.?\[(?:"(?:[^"\\]|\\.)*"|\d+)\])+/.exec(text);
    return path ? path[0] : ".";
  }
  return ".";
}

/** Splits a jq text on `|` at depth zero, outside strings. */
function topLevelStages(expression: string): string[] {
  const stages: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let index = 0; index < expression.length; index++) {
    const character = expression[index];
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "(" || character === "[" || character === "{") depth++;
    else if (character === ")" || character === "]" || character === "}") depth--;
    else if (character === "|" && depth === 0 && expression[index + 1] !== "=") {
      stages.push(expression.slice(start, index));
      start = index + 1;
    }
  }
  stages.push(expression.slice(start));
  return stages;
}

/**
 * Ocean's itemsToParse: for each raw object, the array the expression gives becomes one object
 * per element — a shallow copy of the (transformed) parent plus `name: element`. An expression that
 * does not give an array skips the object with a warning, as Ocean does.
 */
export function expandItemsToParse(
  compiled: CompiledItemsToParse,
  items: readonly RawObject[],
  sampleOf: (item: RawObject) => string,
): { items: RawObject[]; warnings: ItemsToParseWarning[] } {
  const expanded: RawObject[] = [];
  const warnings: ItemsToParseWarning[] = [];
  for (const item of items) {
    const elements = evaluateFirst(compiled.expression, item);
    if (!Array.isArray(elements.value)) {
      warnings.push({
        message: `itemsToParse ${JSON.stringify(compiled.expression.source)} gave ${
          elements.error ? `an error: ${elements.error}` : JSON.stringify(elements.value)
        }, not an array; the object is skipped`,
        sample: sampleOf(item),
      });
      continue;
    }
    let parent: unknown = item;
    if (compiled.removeFromParent) {
      parent = evaluateFirst(compiled.removeFromParent, item).value;
      if (parent === null || typeof parent !== "object" || Array.isArray(parent)) {
        warnings.push({
          message: `removing the parsed items from the object (itemsToParseTopLevelTransform) left ${JSON.stringify(parent)}; the object is skipped`,
          sample: sampleOf(item),
        });
        continue;
      }
    }
    for (const element of elements.value)
      expanded.push({ ...(parent as RawObject), [compiled.name]: element });
  }
  return { items: expanded, warnings };
}
