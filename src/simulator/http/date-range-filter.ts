/**
 * GitHub's date qualifier as the `created` parameter of run listings takes it: `>=T`, `>T`, `<=T`, `<T`,
 * `A..B` (either side may be `*`), or a bare `T` (a date means that whole day). `T` is a date or an
 * ISO 8601 time. Returns a predicate on GitHub timestamps, or undefined when the text is not a qualifier.
 */
export function parseDateRangeFilter(text: string): ((timestamp: string) => boolean) | undefined {
  const value = text.trim();
  const instant = (part: string): number | undefined => {
    if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(part)) return undefined;
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(part) ? `${part}T00:00:00Z` : part.replace(" ", "T"));
    return Number.isNaN(ms) ? undefined : ms;
  };
  const isDay = (part: string) => /^\d{4}-\d{2}-\d{2}$/.test(part);
  const comparison = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (comparison) {
    const [, operator, part = ""] = comparison;
    const bound = instant(part);
    if (bound === undefined) return undefined;
    // `<=2024-01-31` includes that whole day, `>2024-01-31` starts after it.
    const day = isDay(part);
    switch (operator) {
      case ">=":
        return (timestamp) => Date.parse(timestamp) >= bound;
      case ">":
        return day
          ? (timestamp) => Date.parse(timestamp) >= bound + 86_400_000
          : (timestamp) => Date.parse(timestamp) > bound;
      case "<=":
        return day
          ? (timestamp) => Date.parse(timestamp) < bound + 86_400_000
          : (timestamp) => Date.parse(timestamp) <= bound;
      default:
        return (timestamp) => Date.parse(timestamp) < bound;
    }
  }
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const [, from = "", to = ""] = range;
    const low = from === "*" ? Number.NEGATIVE_INFINITY : instant(from);
    const high = to === "*" ? Number.POSITIVE_INFINITY : instant(to);
    if (low === undefined || high === undefined) return undefined;
    const highEnd = to !== "*" && isDay(to) ? high + 86_400_000 : high + 1;
    return (timestamp) => Date.parse(timestamp) >= low && Date.parse(timestamp) < highEnd;
  }
  const at = instant(value);
  if (at === undefined) return undefined;
  const until = isDay(value) ? at + 86_400_000 : at + 1000;
  return (timestamp) => Date.parse(timestamp) >= at && Date.parse(timestamp) < until;
}
