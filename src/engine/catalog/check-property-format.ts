/**
 * Port's string formats that constrain a value. Formats that only change how the portal shows a
 * text (markdown, yaml, user, team, proto, …) accept any string, as Port does.
 */
const FORMAT_CHECKS: Readonly<Record<string, (value: string) => boolean>> = {
  "date-time": (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  timer: (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  url: (value) => URL.canParse(value) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  ipv4: (value) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(value),
  ipv6: (value) => value.includes(":") && URL.canParse(`http://[${value}]/`),
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** Returns why `value` does not have `format`, or undefined when it does (or the format is free). */
export function checkPropertyFormat(value: string, format: string | undefined): string | undefined {
  const check = format === undefined ? undefined : FORMAT_CHECKS[format];
  if (!check || check(value)) return undefined;
  return `${JSON.stringify(value.slice(0, 80))} is not a valid ${format}`;
}
