/** The resync intervals the portal offers: 1 hour to 1 day, as the application settings allow. */
export const RESYNC_INTERVALS = [60, 120, 180, 360, 720, 1440] as const;

/** 60 → "1 hour", 1440 → "1 day", 90 → "90 minutes". */
export function describeInterval(minutes: number): string {
  if (minutes === 1440) return "1 day";
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** A data source's schedule in a sentence fragment; the settings data source may have none. */
export function describeSchedule(minutes: number | null): string {
  return minutes === null ? "not scheduled" : `every ${describeInterval(minutes)}`;
}
