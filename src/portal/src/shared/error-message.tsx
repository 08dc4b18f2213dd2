import type { ApiError } from "../api/api-error.js";

/** An API failure as the user sees it: what failed, the server's message and its stable code. */
export function ErrorMessage({ title, error }: { title: string; error: ApiError }) {
  return (
    <div className="error-message" role="alert" data-testid="error-message" data-code={error.code}>
      <strong>{title}</strong>
      <span className="error-text">{error.message}</span>
      <code className="error-code">{error.code}</code>
    </div>
  );
}
