import type { ApiMappingProblem } from "../api/types.js";

/** The mapping check's findings in line order, each with its place, code and how to fix it. */
export function ProblemList({ problems }: { problems: ApiMappingProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" data-testid="problem-list">
      {problems.map((problem, index) => (
        <li
          // Problems have no identity of their own; the list is replaced as a whole on each check.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          key={index}
          className={`problem ${problem.severity}`}
          data-testid="problem"
          data-line={problem.line}
          data-code={problem.code}
        >
          <span className="problem-place">
            {problem.line === undefined
              ? "—"
              : `Line ${problem.line}${problem.column ? `:${problem.column}` : ""}`}
          </span>
          <span className="problem-message">
            {problem.message}
            {problem.path && <code className="problem-path">{problem.path}</code>}
            {problem.hint && <span className="problem-hint">{problem.hint}</span>}
          </span>
          <code className="error-code">{problem.code}</code>
        </li>
      ))}
    </ul>
  );
}
