/**
 * Where rendered objects point: `api` is the REST base the request came through (the root for
 * github.com-style paths, `/api/v3` for GitHub Enterprise Server paths), `web` is the simulator's root
 * (what `html_url` uses).
 */
export interface ApiUrls {
  api: string;
  web: string;
}
