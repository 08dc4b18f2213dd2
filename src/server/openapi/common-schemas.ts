import { z } from "zod";

/** A time as the API writes it: ISO 8601 in UTC (`Date.toISOString()`). */
export const timestamp = z.iso.datetime({ offset: true });

/** A path parameter: any text of the URL segment. */
export const pathSegment = z.string().min(1);

/** An entity as the mapping gives it; the catalog's stored entity adds where it came from and when. */
export const mappedEntity = z.object({
  identifier: z.string(),
  blueprint: z.string(),
  title: z.string().nullable().optional(),
  icon: z.string().nullable().optional(),
  team: z.unknown().optional(),
  properties: z.record(z.string(), z.unknown()),
  relations: z.record(z.string(), z.unknown()),
});
