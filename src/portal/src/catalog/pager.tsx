/** "Showing 101–200 of 450" with previous / next buttons, for a blueprint with more than one page. */
export function Pager({
  offset,
  limit,
  shown,
  total,
  onOffset,
}: {
  offset: number;
  limit: number;
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const first = shown === 0 ? 0 : offset + 1;
  return (
    <nav className="pager" aria-label="Pages">
      <span>
        Showing {first}–{offset + shown} of {total}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        Previous
      </button>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        Next
      </button>
    </nav>
  );
}
