/**
 * Which repositories' generated parts (activity, files, actions, deployments, alerts) are in memory.
 * A repository registered here is generated on first access; at most `capacity` of them stay resident,
 * the least recently used being evicted (and regenerated identically when asked for again). Pinning a
 * repository (it is about to change through the control API) keeps it for good. Repositories never
 * registered (the eager `small` scale, those created through the control API) are always resident.
 */
/** Lazily generated repositories kept in memory unless a simulator option says otherwise. */
export const DEFAULT_RESIDENT_REPOSITORIES = 500;

export class LazyRepositoryParts {
  /** repository id → generator, for repositories not pinned. */
  private readonly generators = new Map<number, () => void>();
  /** Resident lazily generated repositories; Map order is the least recently used first. */
  private readonly resident = new Map<number, true>();
  /** Nested generations (a fork reads its parent's files): eviction waits for the outermost one. */
  private depth = 0;

  constructor(
    private readonly capacity: number,
    private readonly evict: (repositoryId: number) => void,
  ) {}

  register(repositoryId: number, generate: () => void): void {
    this.generators.set(repositoryId, generate);
  }

  /** Makes sure the repository's parts are in memory, and marks them as just used. */
  load(repositoryId: number): void {
    const generate = this.generators.get(repositoryId);
    if (generate === undefined) return;
    if (this.resident.delete(repositoryId)) {
      this.resident.set(repositoryId, true);
      return;
    }
    this.resident.set(repositoryId, true);
    this.depth += 1;
    try {
      generate();
    } finally {
      this.depth -= 1;
    }
    // Newest again (the repositories it read while generating are older): it is what the caller wants.
    this.resident.delete(repositoryId);
    this.resident.set(repositoryId, true);
    if (this.depth === 0) this.evictOverflow();
  }

  /** Loads the repository and keeps it from now on. */
  pin(repositoryId: number): void {
    this.load(repositoryId);
    this.generators.delete(repositoryId);
    this.resident.delete(repositoryId);
  }

  forget(repositoryId: number): void {
    this.generators.delete(repositoryId);
    this.resident.delete(repositoryId);
  }

  /** How many lazily generated repositories are in memory now. */
  get residentCount(): number {
    return this.resident.size;
  }

  private evictOverflow(): void {
    for (const repositoryId of this.resident.keys()) {
      if (this.resident.size <= this.capacity) return;
      this.resident.delete(repositoryId);
      this.evict(repositoryId);
    }
  }
}
