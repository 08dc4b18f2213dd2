import { compileJq, type JqProgram } from "./jq/index.js";
import { normalizeQuotes } from "./normalize-quotes.js";

/** A mapping leaf ready to run: the compiled program, or why it cannot compile. */
export type CompiledExpression =
  | { readonly source: string; readonly program: JqProgram; readonly compileError?: undefined }
  | { readonly source: string; readonly program?: undefined; readonly compileError: string };

export interface EvaluationOutcome {
  value: unknown;
  /** Set when the expression failed (compile or runtime); the value is then null, as in Ocean. */
  error?: string;
}

const cache = new Map<string, CompiledExpression>();

/** Compiles once per distinct expression text (mappings repeat the same leaves across resources). */
export function compileExpression(source: string): CompiledExpression {
  const cached = cache.get(source);
  if (cached) return cached;
  let compiled: CompiledExpression;
  try {
    compiled = { source, program: compileJq(normalizeQuotes(source)) };
  } catch (error) {
    compiled = { source, compileError: error instanceof Error ? error.message : String(error) };
  }
  cache.set(source, compiled);
  return compiled;
}

/** Ocean's rule: the first output; no output, null or an error give null. */
export function evaluateFirst(expression: CompiledExpression, input: unknown): EvaluationOutcome {
  if (!expression.program) return { value: null, error: expression.compileError };
  try {
    const result = expression.program.first(input);
    return { value: result.found ? result.value : null };
  } catch (error) {
    return { value: null, error: error instanceof Error ? error.message : String(error) };
  }
}
