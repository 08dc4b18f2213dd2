/** How many ids of one kind a repository can hold (generated and created through the control API). */
export const IDS_PER_REPOSITORY = 10_000;

/**
 * Ids of the records that belong to a repository (issues, pull requests, runs, deployments, ...) come
 * from that repository's own range: `base + repository index × IDS_PER_REPOSITORY + ordinal`. So a
 * repository generated on first access, or regenerated after eviction, gets the same ids whatever other
 * repositories were generated before it.
 */
export class RepositoryScopedIds<Kind extends string> {
  /** `${kind}:${repository id}` → ids handed out so far. */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly bases: Readonly<Record<Kind, number>>,
    /** The repository's position in id order: its id minus the first repository id. */
    private readonly indexOf: (repositoryId: number) => number,
  ) {}

  allocate(kind: Kind, repositoryId: number): number {
    const key = `${kind}:${repositoryId}`;
    const ordinal = this.used.get(key) ?? 0;
    if (ordinal >= IDS_PER_REPOSITORY) {
      throw new Error(`repository ${repositoryId} has used all ${IDS_PER_REPOSITORY} ${kind} ids`);
    }
    this.used.set(key, ordinal + 1);
    return this.bases[kind] + this.indexOf(repositoryId) * IDS_PER_REPOSITORY + ordinal;
  }

  /** Restarts a repository's ranges (it was deleted, or its generated parts were evicted). */
  forgetRepository(repositoryId: number): void {
    for (const kind of Object.keys(this.bases)) this.used.delete(`${kind}:${repositoryId}`);
  }
}
