import { usePathname } from "../app/navigation.js";
import { DataSourceDetailPage } from "./data-source-detail-page.js";
import { DataSourceListPage } from "./data-source-list-page.js";
import { NewDataSourcePage } from "./new-data-source-page.js";

/** `/data-sources` (the list), `/data-sources/new` (add one) and `/data-sources/{id}` (see, edit, delete). */
export function DataSourcesPage() {
  const pathname = usePathname().replace(/\/+$/, "");
  if (pathname === "/data-sources") return <DataSourceListPage />;
  if (pathname === "/data-sources/new") return <NewDataSourcePage />;
  const id = decodeURIComponent(pathname.slice("/data-sources/".length));
  return <DataSourceDetailPage key={id} id={id} />;
}
