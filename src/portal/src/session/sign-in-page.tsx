import { type FormEvent, useState } from "react";
import { type ApiError, toApiError } from "../api/api-error.js";
import { signIn } from "../api/session.js";
import { ErrorMessage } from "../shared/error-message.js";

/** The only page an anonymous visitor sees. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState("admin");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      onSignedIn();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={submit} data-testid="sign-in">
      <h1>Sign in to Portolan</h1>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy || password === ""}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {error ? <ErrorMessage title="Sign-in failed" error={error} /> : null}
      <p className="hint">
        The admin password is printed once when Portolan first starts, or set with PORTOLAN_ADMIN_PASSWORD.
      </p>
    </form>
  );
}
