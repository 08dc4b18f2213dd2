/** Pre-order traversal on an explicit stack, for builtins that would otherwise recurse (recurse, paths). */
export interface Step<T> {
  out?: T;
  child?: T;
}

/**
 * Pre-order traversal with lazy producers: `step(v)` yields outputs and children in order; a child's own
 * steps run before `v`'s next ones, exactly like the recursive jq definitions.
 */
export function* depthFirst<T>(root: T, step: (v: T) => Iterator<Step<T>>): Generator<T> {
  const stack: Iterator<Step<T>>[] = [step(root)];
  try {
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Iterator<Step<T>>;
      const r = top.next();
      if (r.done) {
        stack.pop();
        continue;
      }
      if ("out" in r.value) yield r.value.out as T;
      else stack.push(step(r.value.child as T));
    }
  } finally {
    // Stop the producers still open when the consumer stops early.
    for (const g of stack) g.return?.();
  }
}
