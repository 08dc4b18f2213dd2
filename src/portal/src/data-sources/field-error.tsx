/** A field's problem, right under it. */
export function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert" data-testid="field-error">
      {message}
    </span>
  );
}
