/**
 * Ocean rewrites single-quoted strings to double-quoted ones before compiling, so that
 * `.a == 'x'` works: a `'` at the start or after whitespace, not followed by whitespace or `"`,
 * opens; a `'` not preceded by whitespace or `"`, followed by whitespace or the end, closes.
 * Quotes elsewhere (e.g. `test('a')`) are left alone, exactly as Ocean leaves them.
 */
const SINGLE_QUOTE = /(^|\s)'(?!\s|")|(?<!\s|")'(\s|$)/g;

export function normalizeQuotes(expression: string): string {
  return expression.replace(SINGLE_QUOTE, (_match, before: string | undefined, after: string | undefined) => {
    return `${before ?? ""}"${after ?? ""}`;
  });
}
