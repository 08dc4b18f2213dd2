/**
 * PostgreSQL's jsonb cannot hold U+0000 nor an unpaired surrogate (`\ud800`), which JSON and
 * GitHub payloads may carry; such a delivery would be refused by the store after GitHub was told
 * nothing. Both become U+FFFD (the replacement character), in keys and values alike.
 */
export function storablePayload(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storablePayload);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storableText(key), storablePayload(item)]),
    );
  }
  return value;
}

// NUL is exactly what must go, so the control character in the pattern is deliberate.
// biome-ignore lint/suspicious/noControlCharactersInRegex: jsonb refuses U+0000
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function storableText(text: string): string {
  return text.replace(UNSTORABLE, "\uFFFD");
}
