import type { ReactNode } from "react";
import { CatalogPage } from "../catalog/catalog-page.js";
import { DataSourcesPage } from "../data-sources/data-sources-page.js";
import { EntityPage } from "../entity/entity-page.js";
import { parseEntityPath } from "../entity/entity-path.js";
import { MappingPage } from "../mapping/mapping-page.js";
import { SecretsPage } from "../secrets/secrets-page.js";
import { SyncPage } from "../sync/sync-page.js";

/** A top-level view: its path, its name in the navigation, and what it renders. */
export interface Route {
  path: string;
  label: string;
  render: (pathname: string) => ReactNode;
}

/** A view whose path carries a value (an entity's key); not in the navigation. */
interface PatternRoute {
  /** The navigation entry shown as current while this view is open. */
  section: Route;
  render: (pathname: string) => ReactNode | undefined;
}

/**
 * Every view of the portal, in navigation order. New views (sign-in, data sources, settings,
 * secrets, mapping editor, sync history) are added here, each in its own folder beside `catalog/`.
 */
export const ROUTES: Route[] = [
  { path: "/", label: "Catalog", render: () => <CatalogPage /> },
  { path: "/mapping", label: "Mapping", render: () => <MappingPage /> },
  { path: "/sync", label: "Sync", render: () => <SyncPage /> },
  { path: "/data-sources", label: "Data sources", render: () => <DataSourcesPage /> },
  { path: "/secrets", label: "Secrets", render: () => <SecretsPage /> },
];

const PATTERN_ROUTES: PatternRoute[] = [
  {
    section: ROUTES[0] as Route,
    render: (pathname) => {
      const key = parseEntityPath(pathname);
      return key && <EntityPage key={pathname} blueprint={key.blueprint} identifier={key.identifier} />;
    },
  },
];

/** What a path shows, and which navigation entry is current; undefined when the portal has no such page. */
export function resolvePath(pathname: string): { view: ReactNode; section: Route } | undefined {
  const route = findRoute(pathname);
  if (route) return { view: route.render(pathname), section: route };
  for (const pattern of PATTERN_ROUTES) {
    const view = pattern.render(pathname);
    if (view) return { view, section: pattern.section };
  }
  return undefined;
}

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
