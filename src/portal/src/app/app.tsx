import { NavLink } from "./nav-link.js";
import { usePathname } from "./navigation.js";
import { NotFoundPage } from "./not-found-page.js";
import { findRoute, ROUTES } from "./routes.js";

/** The portal's frame: the top bar with navigation, and the view the current path selects. */
export function App() {
  const pathname = usePathname();
  const route = findRoute(pathname);
  return (
    <>
      <header className="top-bar">
        <span className="brand">Portolan</span>
        <nav className="main-nav" aria-label="Main">
          {ROUTES.map((candidate) => (
            <NavLink key={candidate.path} to={candidate.path} active={candidate === route}>
              {candidate.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="content">{route ? route.render() : <NotFoundPage pathname={pathname} />}</main>
    </>
  );
}
