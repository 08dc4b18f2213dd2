import { z } from "zod";

/** A time as the API writes it: ISO 8601 in UTC (`Date.toISOString()`). */
export const timestamp = z.iso.datetime({ offset: true });

/** A path parameter: any text of the URL segment. */
export const pathSegment = z.string().min(1);
