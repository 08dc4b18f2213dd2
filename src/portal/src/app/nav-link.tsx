import type { MouseEvent, ReactNode } from "react";
import { navigate } from "./navigation.js";

/** An ordinary link that switches views in place; modified clicks (new tab, …) behave as usual. */
export function NavLink({
  to,
  active,
  children,
  className,
}: {
  to: string;
  active: boolean;
  children: ReactNode;
  /** Replaces the navigation bar's classes, for links inside a page. */
  className?: string;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a
      href={to}
      onClick={onClick}
      className={className ?? (active ? "nav-link active" : "nav-link")}
      aria-current={active ? "page" : undefined}
    >
      {children}
    </a>
  );
}
