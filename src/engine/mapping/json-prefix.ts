/**
 * The first `limit` characters of `JSON.stringify(value)` for JSON data, without serializing the rest:
 * failure samples show the start of raw objects that can be tens of kilobytes (or nested deeper than the
 * JS stack), once per failing object.
 */
export function jsonPrefix(value: unknown, limit: number): string {
  let out = "";
  // Open arrays and objects; members are read one at a time, so a cut costs only what it shows.
  const stack: Frame[] = [];
  let v: unknown = value;
  while (true) {
    if (Array.isArray(v)) {
      out += "[";
      stack.push({ items: v, keys: null, i: 0, shown: 0 });
    } else if (v !== null && typeof v === "object") {
      const record = v as Record<string, unknown>;
      out += "{";
      stack.push({ items: record, keys: Object.keys(record), i: 0, shown: 0 });
    } else if (typeof v === "string") {
      // A long string only needs its start.
      out += JSON.stringify(v.length > limit ? v.slice(0, limit) : v);
    } else {
      out += hasJsonForm(v) ? JSON.stringify(v) : "null";
    }
    let next = false;
    while (stack.length > 0 && out.length < limit) {
      const f = stack[stack.length - 1] as Frame;
      const size = f.keys === null ? (f.items as unknown[]).length : f.keys.length;
      if (f.i < size) {
        if (f.keys === null) v = (f.items as unknown[])[f.i++];
        else {
          const key = f.keys[f.i++] as string;
          v = (f.items as Record<string, unknown>)[key];
          // As JSON.stringify: members whose value has no JSON form are left out.
          if (!hasJsonForm(v)) continue;
          if (f.shown > 0) out += ",";
          out += `${JSON.stringify(key)}:`;
        }
        if (f.keys === null && f.shown > 0) out += ",";
        f.shown++;
        next = true;
        break;
      }
      out += f.keys === null ? "]" : "}";
      stack.pop();
    }
    if (!next || out.length >= limit) return out.slice(0, limit);
  }
}

interface Frame {
  readonly items: unknown[] | Record<string, unknown>;
  /** Object members to show, in order; null for an array. */
  readonly keys: string[] | null;
  i: number;
  /** Members written so far (for the commas). */
  shown: number;
}

function hasJsonForm(v: unknown): boolean {
  return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
}
