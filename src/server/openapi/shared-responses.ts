import type { ApiResponse } from "./api-operation.js";

/** What `parseQuery` answers: a query parameter invalid or unknown. */
export const invalidQuery: ApiResponse = {
  description: "A query parameter is invalid or unknown.",
  codes: ["API_INVALID_QUERY"],
};

/** What `parseBody` answers: the body does not fit the operation's schema. */
export const invalidBody: ApiResponse = {
  description: "The body does not fit the request schema; the message names the field.",
  codes: ["API_INVALID_BODY"],
};

/** The routes of the data source from settings answer this when the settings name none. */
export const settingsDataSourceMissing: ApiResponse = {
  description:
    "There is no data source from settings; use the data source's own /api/v1/data-sources/{id}/… routes.",
  codes: ["API_NO_SETTINGS_DATA_SOURCE"],
};
