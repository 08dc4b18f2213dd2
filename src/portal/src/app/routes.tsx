import type { ReactNode } from "react";
import { CatalogPage } from "../catalog/catalog-page.js";
import { DataSourcesPage } from "../data-sources/data-sources-page.js";
import { SecretsPage } from "../secrets/secrets-page.js";
import { SyncPage } from "../sync/sync-page.js";

/** A top-level view: its path, its name in the navigation, and what it renders. */
export interface Route {
  path: string;
  label: string;
  render: () => ReactNode;
}

/**
 * Every view of the portal, in navigation order. New views (sign-in, data sources, settings,
 * secrets, mapping editor, sync history) are added here, each in its own folder beside `catalog/`.
 */
export const ROUTES: Route[] = [
  { path: "/", label: "Catalog", render: () => <CatalogPage /> },
  { path: "/sync", label: "Sync", render: () => <SyncPage /> },
  { path: "/data-sources", label: "Data sources", render: () => <DataSourcesPage /> },
  { path: "/secrets", label: "Secrets", render: () => <SecretsPage /> },
];

/** Paths that show an existing view under another name. */
const ALIASES: Record<string, string> = { "/catalog": "/", "/index.html": "/" };

export function findRoute(pathname: string): Route | undefined {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const path = ALIASES[trimmed] ?? trimmed;
  // A view owns the paths below its own (`/data-sources/new`, `/data-sources/{id}`).
  return ROUTES.find(
    (route) => route.path === path || (route.path !== "/" && path.startsWith(`${route.path}/`)),
  );
}
