import { NavLink } from "./nav-link.js";

/** A path the portal does not know. */
export function NotFoundPage({ pathname }: { pathname: string }) {
  return (
    <div className="not-found" data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        The portal has no page at <code>{pathname}</code>.{" "}
        <NavLink to="/" active={false}>
          Go to the catalog
        </NavLink>
        .
      </p>
    </div>
  );
}
