import type { ReactNode } from "react";
import { CatalogPage } from "../catalog/catalog-page.js";
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
];

/** Paths that show an existing view under another name. */
const ALIASES: Record<string, string> = { "/catalog": "/", "/index.html": "/" };

export function findRoute(pathname: string): Route | undefined {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const path = ALIASES[trimmed] ?? trimmed;
  return ROUTES.find((route) => route.path === path);
}
