import type { AccessTokenRecord } from "./access-token.js";
import type { AccountRecord } from "./account.js";
import { ActionsStore } from "./actions-store.js";
import { AppsStore } from "./apps-store.js";
import type { DeliveryExchange, DeliveryRecord } from "./delivery.js";
import { DeploymentsStore } from "./deployments-store.js";
import { type GitCommitRecord, GitHistory, gitPersonOf } from "./git-history.js";
import { DEFAULT_RESIDENT_REPOSITORIES, LazyRepositoryParts } from "./lazy-repository-parts.js";
import type { OrgHookRecord } from "./org-hook.js";
import type { RepositoryRecord } from "./repository.js";
import { RepositoryActivity } from "./repository-activity.js";
import type { HookRecord, RepositoryHookRecord } from "./repository-hook.js";
import type { SecurityAlertKind, SecurityAlertRecord } from "./security-alert.js";
import type { SimulatorClock } from "./simulator-clock.js";
import type { RepositoryPermission, TeamRecord } from "./team.js";

/** What `findRepository` answers: the repository, or where a renamed one lives now. */
export type RepositoryLookup = { repository: RepositoryRecord; movedFrom: string | null } | undefined;

/**
 * Everything the simulated GitHub knows, independent of HTTP: accounts, repositories and their files,
 * webhooks, tokens and deliveries. Routes read and change it only through these methods, so later kinds
 * (teams, pull requests, ...) add their own maps here without touching the routes of others.
 * Logins and repository names are matched case-insensitively, as on GitHub.
 */
export class SimulatorState {
  readonly clock: SimulatorClock;
  /** The deterministic base instant of the generated data (ms since 1970). */
  readonly epochMs: number;
  /** Workflows and workflow runs. */
  readonly actions: ActionsStore;
  /** Environments, deployments and deployment statuses. */
  readonly deployments: DeploymentsStore;
  /** GitHub Apps, their installations and installation-token lifetime. */
  readonly apps = new AppsStore();
  private readonly accounts = new Map<number, AccountRecord>();
  private readonly accountIdsByLogin = new Map<string, number>();
  private readonly repositories = new Map<number, RepositoryRecord>();
  /** `owner/name` (lower case) → repository id, for current names. */
  private readonly repositoryIdsByFullName = new Map<string, number>();
  /** `owner/name` (lower case) of former names → repository id. */
  private readonly formerNames = new Map<string, number>();
  /** repository id → ref → path → file text. */
  private readonly files = new Map<number, Map<string, Map<string, string>>>();
  private readonly hooks = new Map<number, OrgHookRecord>();
  private readonly repositoryHooks = new Map<number, RepositoryHookRecord>();
  private readonly tokens = new Map<string, AccessTokenRecord>();
  private readonly deliveryLog: DeliveryRecord[] = [];
  /** attempt id → what the attempt sent and received. */
  private readonly deliveryExchanges = new Map<number, DeliveryExchange>();
  /** Commit ids and trees of the branches' files. */
  readonly git: GitHistory;
  private readonly teams = new Map<number, TeamRecord>();
  /** repository id → user id → permission of a direct collaborator (org member or outside collaborator). */
  private readonly collaborators = new Map<number, Map<number, RepositoryPermission>>();
  private nextTeamId = 1;
  /** `${kind}:${repository id}` → alert number → alert. */
  private readonly alerts = new Map<string, Map<number, SecurityAlertRecord>>();
  /** Users created through the control API get ids above every generated one. */
  private nextUserId = 90_000_000;
  private nextIds: { repository: number; hook: number };
  private readonly firstRepositoryId: number;
  /** Issues, pull requests, releases, branches, tags and commits of every repository. */
  readonly activity: RepositoryActivity;
  /** Repositories whose parts are generated on first access (scales medium and large). */
  private readonly lazyParts: LazyRepositoryParts;

  constructor(options: {
    clock: SimulatorClock;
    epochMs: number;
    firstRepositoryId: number;
    firstHookId: number;
    /** How many lazily generated repositories stay in memory at once (least recently used evicted). */
    residentRepositories?: number;
  }) {
    this.clock = options.clock;
    this.epochMs = options.epochMs;
    this.firstRepositoryId = options.firstRepositoryId;
    this.nextIds = { repository: options.firstRepositoryId, hook: options.firstHookId };
    this.lazyParts = new LazyRepositoryParts(
      options.residentRepositories ?? DEFAULT_RESIDENT_REPOSITORIES,
      (id) => this.forgetRepositoryParts(id),
    );
    const load = (repositoryId: number) => this.lazyParts.load(repositoryId);
    const indexOf = (repositoryId: number) => this.repositoryIndex(repositoryId);
    this.activity = new RepositoryActivity({
      firstIds: {
        issue: 1_800_000_000,
        pullRequest: 1_900_000_000,
        release: 150_000_000,
        label: 6_000_000_000,
      },
      indexOf,
      load,
    });
    this.actions = new ActionsStore(indexOf, load);
    this.deployments = new DeploymentsStore(indexOf, load);
    this.git = new GitHistory(load);
  }

  // ---- accounts -------------------------------------------------------------------------------------

  addAccount(account: AccountRecord): void {
    this.accounts.set(account.id, account);
    this.accountIdsByLogin.set(account.login.toLowerCase(), account.id);
  }

  findAccount(login: string): AccountRecord | undefined {
    const id = this.accountIdsByLogin.get(login.toLowerCase());
    return id === undefined ? undefined : this.accounts.get(id);
  }

  findAccountById(id: number): AccountRecord | undefined {
    return this.accounts.get(id);
  }

  getAccount(id: number): AccountRecord {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`simulator state has no account ${id}`);
    return account;
  }

  /** Organizations the user belongs to, in id order. */
  organizationsOf(userId: number): AccountRecord[] {
    return [...this.accounts.values()]
      .filter((account) => account.type === "Organization" && account.members.has(userId))
      .sort((a, b) => a.id - b.id);
  }

  // ---- repositories ---------------------------------------------------------------------------------

  allocateRepositoryId(): number {
    const id = this.nextIds.repository;
    this.nextIds.repository += 1;
    return id;
  }

  /** A repository's position in id order, from which its records' id ranges are derived. */
  repositoryIndex(repositoryId: number): number {
    const index = repositoryId - this.firstRepositoryId;
    if (index < 0) throw new Error(`repository id ${repositoryId} precedes the first one`);
    return index;
  }

  addRepository(repository: RepositoryRecord): void {
    const key = this.fullNameKey(repository.ownerId, repository.name);
    if (this.repositoryIdsByFullName.has(key)) {
      throw new Error(`repository ${key} already exists in the simulator state`);
    }
    this.repositories.set(repository.id, repository);
    this.repositoryIdsByFullName.set(key, repository.id);
    this.formerNames.delete(key);
    if (!this.files.has(repository.id))
      this.files.set(repository.id, new Map([[repository.defaultBranch, new Map()]]));
  }

  getRepository(id: number): RepositoryRecord | undefined {
    return this.repositories.get(id);
  }

  /** Current name first; a former name (after a rename) answers with `movedFrom` set. */
  findRepository(owner: string, name: string): RepositoryLookup {
    const key = `${owner}/${name}`.toLowerCase();
    const id = this.repositoryIdsByFullName.get(key);
    if (id !== undefined) {
      const repository = this.repositories.get(id);
      return repository ? { repository, movedFrom: null } : undefined;
    }
    const movedId = this.formerNames.get(key);
    const moved = movedId === undefined ? undefined : this.repositories.get(movedId);
    return moved ? { repository: moved, movedFrom: key } : undefined;
  }

  /** Repositories owned by an account, in id (creation) order. */
  repositoriesOwnedBy(ownerId: number): RepositoryRecord[] {
    return [...this.repositories.values()].filter((r) => r.ownerId === ownerId).sort((a, b) => a.id - b.id);
  }

  /** Every repository, in id (creation) order (for searches across owners). */
  allRepositories(): RepositoryRecord[] {
    return [...this.repositories.values()].sort((a, b) => a.id - b.id);
  }

  renameRepository(repository: RepositoryRecord, newName: string): void {
    const oldKey = this.fullNameKey(repository.ownerId, repository.name);
    const newKey = this.fullNameKey(repository.ownerId, newName);
    if (newKey !== oldKey && this.repositoryIdsByFullName.has(newKey)) {
      throw new Error(`repository ${newKey} already exists in the simulator state`);
    }
    this.repositoryIdsByFullName.delete(oldKey);
    this.formerNames.set(oldKey, repository.id);
    this.formerNames.delete(newKey);
    repository.name = newName;
    this.repositoryIdsByFullName.set(newKey, repository.id);
  }

  deleteRepository(repository: RepositoryRecord): void {
    this.lazyParts.forget(repository.id);
    this.repositories.delete(repository.id);
    this.repositoryIdsByFullName.delete(this.fullNameKey(repository.ownerId, repository.name));
    for (const [key, id] of this.formerNames) if (id === repository.id) this.formerNames.delete(key);
    this.forgetRepositoryParts(repository.id);
    this.files.delete(repository.id);
    for (const hook of this.repositoryHooksOf(repository.id)) this.repositoryHooks.delete(hook.id);
  }

  // ---- lazily generated repository parts ------------------------------------------------------------

  /**
   * Generates the repository's files, activity, actions, deployments and alerts on first access (then
   * evictable, and regenerated identically): `generate` must depend only on the repository and the seed.
   */
  generateLazily(repositoryId: number, generate: () => void): void {
    this.lazyParts.register(repositoryId, generate);
  }

  /** Keeps a lazily generated repository's parts from now on: they are about to change. */
  pinRepositoryParts(repositoryId: number): void {
    this.lazyParts.pin(repositoryId);
  }

  /** How many lazily generated repositories are in memory now (for benchmarks and tests). */
  get residentLazyRepositories(): number {
    return this.lazyParts.residentCount;
  }

  /** Drops what a repository's generation made: back to an empty default branch. */
  private forgetRepositoryParts(repositoryId: number): void {
    const repository = this.repositories.get(repositoryId);
    if (repository) this.files.set(repositoryId, new Map([[repository.defaultBranch, new Map()]]));
    this.activity.forgetRepository(repositoryId);
    this.actions.forgetRepository(repositoryId);
    this.deployments.forgetRepository(repositoryId);
    this.git.forgetRepository(repositoryId);
    for (const key of this.alerts.keys()) if (key.endsWith(`:${repositoryId}`)) this.alerts.delete(key);
  }

  private fullNameKey(ownerId: number, name: string): string {
    return `${this.getAccount(ownerId).login}/${name}`.toLowerCase();
  }

  // ---- files ----------------------------------------------------------------------------------------

  /** A repository's branches → files, generated first when the repository is lazy. */
  private filesOf(repositoryId: number): Map<string, Map<string, string>> | undefined {
    this.lazyParts.load(repositoryId);
    return this.files.get(repositoryId);
  }

  hasRef(repositoryId: number, ref: string): boolean {
    return this.filesOf(repositoryId)?.has(ref) ?? false;
  }

  /** Creates `ref` as a copy of `from` when it does not exist yet (a new branch). */
  ensureRef(repositoryId: number, ref: string, from: string): void {
    const refs = this.filesOf(repositoryId);
    if (!refs || refs.has(ref)) return;
    refs.set(ref, new Map(refs.get(from) ?? []));
  }

  readFile(repositoryId: number, ref: string, path: string): string | undefined {
    return this.filesOf(repositoryId)?.get(ref)?.get(path);
  }

  /** Paths of every file on a ref, sorted. */
  listFiles(repositoryId: number, ref: string): string[] {
    return [...(this.filesOf(repositoryId)?.get(ref)?.keys() ?? [])].sort();
  }

  writeFile(repositoryId: number, ref: string, path: string, content: string): void {
    const refs = this.filesOf(repositoryId);
    if (!refs) throw new Error(`simulator state has no repository ${repositoryId}`);
    let tree = refs.get(ref);
    if (!tree) {
      tree = new Map();
      refs.set(ref, tree);
    }
    tree.set(path, content);
  }

  /** Removes a file from a ref; true when it was there. */
  deleteFile(repositoryId: number, ref: string, path: string): boolean {
    return this.filesOf(repositoryId)?.get(ref)?.delete(path) ?? false;
  }

  /** A branch's head commit, its current files committed first if they changed; undefined if empty. */
  headCommit(repositoryId: number, ref: string): GitCommitRecord | undefined {
    const files = this.filesOf(repositoryId)?.get(ref);
    const repository = this.repositories.get(repositoryId);
    if (!files || !repository) return undefined;
    return this.git.head(repositoryId, ref, files, repository.pushedAt);
  }

  /**
   * Commits on `ref` (a branch, or a pull request's `pull/{n}/head`): a git commit of the ref's current
   * files (its parent's when the ref has none). Generated data and the control API make their commits
   * here, so every sha they hand out (branches, tags, pull requests, runs, deployments) is a commit of
   * the one git history.
   */
  recordCommit(
    repositoryId: number,
    ref: string,
    input: { parentSha: string | null; message: string; authorId: number; date: string },
  ): GitCommitRecord {
    const parent = input.parentSha === null ? undefined : this.git.findCommit(repositoryId, input.parentSha);
    const files = this.filesOf(repositoryId)?.get(ref) ?? parent?.files ?? new Map<string, string>();
    return this.git.commit(repositoryId, ref, {
      parentSha: input.parentSha,
      files,
      message: input.message,
      author: gitPersonOf(this.getAccount(input.authorId)),
      timestamp: input.date,
    });
  }

  /**
   * Points every branch record at its branch's head commit: generation commits files after the
   * activity's commits, so a branch ends on the commit of its final files.
   */
  settleBranchHeads(repositoryId: number): void {
    for (const branch of this.activity.branchesOf(repositoryId)) {
      const head = this.hasRef(repositoryId, branch.name)
        ? this.headCommit(repositoryId, branch.name)
        : undefined;
      if (head) branch.sha = head.sha;
    }
  }

  /** The default branch's commits, oldest first (empty for an empty repository). */
  defaultBranchHistory(repositoryId: number): GitCommitRecord[] {
    const repository = this.repositories.get(repositoryId);
    const head = repository ? this.headCommit(repositoryId, repository.defaultBranch) : undefined;
    return head ? this.git.ancestry(head.sha).reverse() : [];
  }

  /** Branch names of a repository, sorted. */
  refsOf(repositoryId: number): string[] {
    return [...(this.filesOf(repositoryId)?.keys() ?? [])].sort();
  }

  // ---- organization webhooks ------------------------------------------------------------------------

  allocateHookId(): number {
    const id = this.nextIds.hook;
    this.nextIds.hook += 1;
    return id;
  }

  addHook(hook: OrgHookRecord): void {
    this.hooks.set(hook.id, hook);
  }

  getHook(orgId: number, hookId: number): OrgHookRecord | undefined {
    const hook = this.hooks.get(hookId);
    return hook && hook.orgId === orgId ? hook : undefined;
  }

  hooksOf(orgId: number): OrgHookRecord[] {
    return [...this.hooks.values()].filter((h) => h.orgId === orgId).sort((a, b) => a.id - b.id);
  }

  deleteHook(hookId: number): void {
    this.hooks.delete(hookId);
  }

  // ---- repository webhooks --------------------------------------------------------------------------

  addRepositoryHook(hook: RepositoryHookRecord): void {
    this.repositoryHooks.set(hook.id, hook);
  }

  getRepositoryHook(repositoryId: number, hookId: number): RepositoryHookRecord | undefined {
    const hook = this.repositoryHooks.get(hookId);
    return hook && hook.repositoryId === repositoryId ? hook : undefined;
  }

  repositoryHooksOf(repositoryId: number): RepositoryHookRecord[] {
    return [...this.repositoryHooks.values()]
      .filter((hook) => hook.repositoryId === repositoryId)
      .sort((a, b) => a.id - b.id);
  }

  deleteRepositoryHook(hookId: number): void {
    this.repositoryHooks.delete(hookId);
  }

  /** Any webhook by id, an organization's or a repository's. */
  findAnyHook(hookId: number): HookRecord | undefined {
    return this.hooks.get(hookId) ?? this.repositoryHooks.get(hookId);
  }

  // ---- tokens ---------------------------------------------------------------------------------------

  addToken(token: AccessTokenRecord): void {
    this.tokens.set(token.token, token);
  }

  findToken(token: string): AccessTokenRecord | undefined {
    return this.tokens.get(token);
  }

  // ---- deliveries -----------------------------------------------------------------------------------

  recordDelivery(delivery: DeliveryRecord, exchange: DeliveryExchange): void {
    this.deliveryLog.push(delivery);
    this.deliveryExchanges.set(delivery.attemptId, exchange);
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.deliveryLog;
  }

  /** The next REST id of a delivery attempt: ids grow with time, as GitHub's do. */
  allocateDeliveryAttemptId(): number {
    return (this.deliveryLog.at(-1)?.attemptId ?? 0) + 1;
  }

  deliveryExchange(attemptId: number): DeliveryExchange | undefined {
    return this.deliveryExchanges.get(attemptId);
  }

  allocateUserId(): number {
    const id = this.nextUserId;
    this.nextUserId += 1;
    return id;
  }

  // ---- teams ----------------------------------------------------------------------------------------

  allocateTeamId(): number {
    const id = this.nextTeamId;
    this.nextTeamId += 1;
    return id;
  }

  addTeam(team: TeamRecord): void {
    if (this.findTeam(team.orgId, team.slug)) {
      throw new Error(`team ${team.slug} already exists in organization ${team.orgId}`);
    }
    this.nextTeamId = Math.max(this.nextTeamId, team.id + 1);
    this.teams.set(team.id, team);
  }

  findTeam(orgId: number, slug: string): TeamRecord | undefined {
    const wanted = slug.toLowerCase();
    return [...this.teams.values()].find((t) => t.orgId === orgId && t.slug === wanted);
  }

  /** Teams of an organization, in id (creation) order. */
  teamsOf(orgId: number): TeamRecord[] {
    return [...this.teams.values()].filter((t) => t.orgId === orgId).sort((a, b) => a.id - b.id);
  }

  deleteTeam(team: TeamRecord): void {
    this.teams.delete(team.id);
  }

  // ---- direct collaborators -------------------------------------------------------------------------

  directCollaborators(repositoryId: number): ReadonlyMap<number, RepositoryPermission> {
    return this.collaborators.get(repositoryId) ?? new Map();
  }

  setCollaborator(repositoryId: number, userId: number, permission: RepositoryPermission): void {
    let direct = this.collaborators.get(repositoryId);
    if (!direct) {
      direct = new Map();
      this.collaborators.set(repositoryId, direct);
    }
    direct.set(userId, permission);
  }

  removeCollaborator(repositoryId: number, userId: number): boolean {
    return this.collaborators.get(repositoryId)?.delete(userId) ?? false;
  }

  // ---- security alerts ------------------------------------------------------------------------------

  /** A repository's alerts of one kind (undefined: the feature is off), generated first when lazy. */
  private alertsMap(
    kind: SecurityAlertKind,
    repositoryId: number,
  ): Map<number, SecurityAlertRecord> | undefined {
    this.lazyParts.load(repositoryId);
    return this.alerts.get(`${kind}:${repositoryId}`);
  }

  /** A repository's alerts of one kind, by number. */
  alertsOf<K extends SecurityAlertKind>(
    kind: K,
    repositoryId: number,
  ): Array<Extract<SecurityAlertRecord, { kind: K }>> {
    const alerts = [...(this.alertsMap(kind, repositoryId)?.values() ?? [])];
    return alerts.sort((a, b) => a.number - b.number) as Array<Extract<SecurityAlertRecord, { kind: K }>>;
  }

  findAlert<K extends SecurityAlertKind>(
    kind: K,
    repositoryId: number,
    number: number,
  ): Extract<SecurityAlertRecord, { kind: K }> | undefined {
    return this.alertsMap(kind, repositoryId)?.get(number) as
      | Extract<SecurityAlertRecord, { kind: K }>
      | undefined;
  }

  /** The next alert number of a kind in a repository (numbers are never reused). */
  nextAlertNumber(kind: SecurityAlertKind, repositoryId: number): number {
    const numbers = [...(this.alertsMap(kind, repositoryId)?.keys() ?? [])];
    return numbers.length === 0 ? 1 : Math.max(...numbers) + 1;
  }

  /** Turns an alert feature on for a repository (GitHub answers "disabled" for the others). */
  enableAlerts(kind: SecurityAlertKind, repositoryId: number): void {
    this.lazyParts.load(repositoryId);
    const key = `${kind}:${repositoryId}`;
    if (!this.alerts.has(key)) this.alerts.set(key, new Map());
  }

  alertsEnabled(kind: SecurityAlertKind, repositoryId: number): boolean {
    return this.alertsMap(kind, repositoryId) !== undefined;
  }

  addAlert(alert: SecurityAlertRecord): void {
    this.lazyParts.load(alert.repositoryId);
    const key = `${alert.kind}:${alert.repositoryId}`;
    let alerts = this.alerts.get(key);
    if (!alerts) {
      alerts = new Map();
      this.alerts.set(key, alerts);
    }
    alerts.set(alert.number, alert);
  }
}
