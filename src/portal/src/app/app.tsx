import { useEffect, useState } from "react";
import { signOut } from "../api/session.js";
import { onUnauthorized } from "../api/session-events.js";
import { SignInPage } from "../session/sign-in-page.js";
import { NavLink } from "./nav-link.js";
import { usePathname } from "./navigation.js";
import { NotFoundPage } from "./not-found-page.js";
import { ROUTES, resolvePath } from "./routes.js";

/**
 * The portal's frame: the top bar with navigation, and the view the current path selects — or the
 * sign-in page whenever the API says the session is missing or expired.
 */
export function App() {
  const pathname = usePathname();
  const resolved = resolvePath(pathname);
  const [signedOut, setSignedOut] = useState(false);
  // A new key remounts the views after sign-in, so they fetch again.
  const [sessionKey, setSessionKey] = useState(0);
  useEffect(() => onUnauthorized(() => setSignedOut(true)), []);

  if (signedOut) {
    return (
      <main className="content">
        <SignInPage
          onSignedIn={() => {
            setSignedOut(false);
            setSessionKey((key) => key + 1);
          }}
        />
      </main>
    );
  }
  return (
    <>
      <header className="top-bar">
        <span className="brand">Portolan</span>
        <nav className="main-nav" aria-label="Main">
          {ROUTES.map((candidate) => (
            <NavLink key={candidate.path} to={candidate.path} active={candidate === resolved?.section}>
              {candidate.label}
            </NavLink>
          ))}
        </nav>
        <button
          type="button"
          className="sign-out"
          onClick={() => {
            void signOut().then(() => setSignedOut(true));
          }}
        >
          Sign out
        </button>
      </header>
      <main className="content" key={sessionKey}>
        {resolved ? resolved.view : <NotFoundPage pathname={pathname} />}
      </main>
    </>
  );
}
