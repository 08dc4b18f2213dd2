/**
 * The first `limit` characters of `JSON.stringify(value)` for JSON data, without serializing the rest:
 * failure samples show the start of raw objects that can be tens of kilobytes (or nested deeper than the
 * JS stack), once per failing object.
 */
export function jsonPrefix(value: unknown, limit: number): string {
  let out = "";
  // Pending work, last first: text to append, or a value to serialize.
  const stack: Array<{ text: string } | { value: unknown; inArray: boolean }> = [{ value, inArray: true }];
  while (stack.length > 0 && out.length < limit) {
    const top = stack.pop() as { text: string } | { value: unknown; inArray: boolean };
    if ("text" in top) {
      out += top.text;
      continue;
    }
    const v = top.value;
    if (Array.isArray(v)) {
      stack.push({ text: "]" });
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i], inArray: true });
        if (i > 0) stack.push({ text: "," });
      }
      out += "[";
    } else if (v !== null && typeof v === "object") {
      const record = v as Record<string, unknown>;
      // As JSON.stringify: members whose value has no JSON form are left out.
      const keys = Object.keys(record).filter((k) => hasJsonForm(record[k]));
      stack.push({ text: "}" });
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: record[key], inArray: false });
        stack.push({ text: `${i > 0 ? "," : ""}${JSON.stringify(key)}:` });
      }
      out += "{";
    } else if (typeof v === "string") {
      // A long string only needs its start.
      out += JSON.stringify(v.length > limit ? v.slice(0, limit) : v);
    } else {
      out += hasJsonForm(v) ? JSON.stringify(v) : "null";
    }
  }
  return out.slice(0, limit);
}

function hasJsonForm(v: unknown): boolean {
  return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
}
