import type { Random } from "../src/simulator/random.js";

/** A change to the simulated GitHub made through its control API; each emits the webhooks GitHub would. */
export interface SoakChange {
  name: string;
  apply(): Promise<void>;
}

interface Repository {
  name: string;
  openPulls: number[];
  openIssues: number[];
  releases: number;
  archived: boolean;
}

/**
 * The soak's steady mix of GitHub activity in one organization: repositories created, renamed,
 * edited, archived, unarchived and deleted; pull requests opened, closed and merged; issues opened and closed;
 * releases; pushes. It works on the repositories it created, so every change is valid when made.
 */
export class SoakChanges {
  private readonly repositories: Repository[] = [];
  private created = 0;

  constructor(
    private readonly simulatorUrl: string,
    private readonly organization: string,
    private readonly random: Random,
  ) {}

  /** The next change, drawn from the mix; a repository is created first when there are too few. */
  next(): SoakChange {
    if (this.repositories.length < 3) return this.createRepository();
    const repository = this.random.pick(this.repositories);
    // An archived repository is read-only on GitHub: its next change unarchives it.
    if (repository.archived) return this.setArchived(repository, false);
    const choices: Array<() => SoakChange> = [
      () => this.createRepository(),
      () => this.openPull(repository),
      () => this.openPull(repository),
      () => this.closePull(repository, false),
      () => this.closePull(repository, true),
      () => this.openIssue(repository),
      () => this.closeIssue(repository),
      () => this.release(repository),
      () => this.push(repository),
      () => this.editRepository(repository),
      () => this.renameRepository(repository),
      () => this.setArchived(repository, true),
      () => this.deleteRepository(repository),
    ];
    return this.random.pick(choices)();
  }

  private createRepository(): SoakChange {
    this.created += 1;
    const name = `soak-${this.created}`;
    return this.change(
      `create ${name}`,
      "POST",
      `/orgs/${this.organization}/repos`,
      { name, auto_init: true },
      () => {
        this.repositories.push({ name, openPulls: [], openIssues: [], releases: 0, archived: false });
      },
    );
  }

  private openPull(repository: Repository): SoakChange {
    return this.change(
      `open a pull request in ${repository.name}`,
      "POST",
      `${this.repo(repository)}/pulls`,
      { title: `change ${this.random.hex(6)}` },
      (body) => repository.openPulls.push((body as { pull_request: { number: number } }).pull_request.number),
    );
  }

  private closePull(repository: Repository, merged: boolean): SoakChange {
    const number = repository.openPulls.shift();
    if (number === undefined) return this.openPull(repository);
    return this.change(
      `${merged ? "merge" : "close"} pull request ${repository.name}#${number}`,
      "PATCH",
      `${this.repo(repository)}/pulls/${number}`,
      { state: "closed", merged },
    );
  }

  private openIssue(repository: Repository): SoakChange {
    return this.change(
      `open an issue in ${repository.name}`,
      "POST",
      `${this.repo(repository)}/issues`,
      { title: `issue ${this.random.hex(6)}` },
      (body) => repository.openIssues.push((body as { issue: { number: number } }).issue.number),
    );
  }

  private closeIssue(repository: Repository): SoakChange {
    const number = repository.openIssues.shift();
    if (number === undefined) return this.openIssue(repository);
    return this.change(
      `close issue ${repository.name}#${number}`,
      "PATCH",
      `${this.repo(repository)}/issues/${number}`,
      {
        state: "closed",
      },
    );
  }

  private release(repository: Repository): SoakChange {
    repository.releases += 1;
    return this.change(
      `release ${repository.name} v${repository.releases}`,
      "POST",
      `${this.repo(repository)}/releases`,
      {
        tag_name: `v${repository.releases}.0.0`,
      },
    );
  }

  private push(repository: Repository): SoakChange {
    return this.change(`push to ${repository.name}`, "POST", `${this.repo(repository)}/push`, {
      files: { [`notes/${this.random.hex(4)}.md`]: `soak ${this.random.hex(8)}\n` },
    });
  }

  private editRepository(repository: Repository): SoakChange {
    return this.change(`describe ${repository.name}`, "PATCH", this.repo(repository), {
      description: `soaked ${this.random.hex(6)}`,
      topics: [this.random.pick(["alpha", "beta", "gamma"])],
    });
  }

  private renameRepository(repository: Repository): SoakChange {
    this.created += 1;
    const name = `soak-${this.created}`;
    return this.change(
      `rename ${repository.name} to ${name}`,
      "PATCH",
      this.repo(repository),
      { name },
      () => {
        repository.name = name;
      },
    );
  }

  private setArchived(repository: Repository, archived: boolean): SoakChange {
    return this.change(
      `${archived ? "archive" : "unarchive"} ${repository.name}`,
      "PATCH",
      this.repo(repository),
      { archived },
      () => {
        repository.archived = archived;
      },
    );
  }

  private deleteRepository(repository: Repository): SoakChange {
    return this.change(`delete ${repository.name}`, "DELETE", this.repo(repository), undefined, () => {
      this.forget(repository);
    });
  }

  /** A deleted repository takes no more changes. */
  private forget(repository: Repository): void {
    this.repositories.splice(this.repositories.indexOf(repository), 1);
  }

  private repo(repository: Repository): string {
    return `/repos/${this.organization}/${repository.name}`;
  }

  private change(
    name: string,
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    onDone?: (body: unknown) => void,
  ): SoakChange {
    return {
      name,
      apply: async () => {
        const response = await fetch(`${this.simulatorUrl}/_simulator${path}`, {
          method,
          ...(body === undefined
            ? {}
            : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
        });
        if (!response.ok)
          throw new Error(`${name}: ${method} ${path} → ${response.status} ${await response.text()}`);
        onDone?.(await response.json());
      },
    };
  }
}
