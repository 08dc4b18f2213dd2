import { newestFirst } from "./actions-store.js";
import type { DeploymentRecord, DeploymentStatusRecord, EnvironmentRecord } from "./deployment.js";
import { RepositoryScopedIds } from "./repository-scoped-ids.js";

/** Environments, deployments and deployment statuses of the simulated GitHub. */
export class DeploymentsStore {
  private readonly environments = new Map<number, EnvironmentRecord>();
  private readonly deployments = new Map<number, DeploymentRecord>();
  private readonly statuses = new Map<number, DeploymentStatusRecord>();
  private readonly ids: RepositoryScopedIds<"environment" | "deployment" | "status">;

  constructor(
    indexOf: (repositoryId: number) => number,
    /** Generates a lazily generated repository's deployments before they are read. */
    private readonly load: (repositoryId: number) => void,
  ) {
    this.ids = new RepositoryScopedIds(
      { environment: 7_900_000_001, deployment: 2_600_000_001, status: 23_000_000_001 },
      indexOf,
    );
  }

  /** An id from the repository's own range (see `RepositoryScopedIds`). */
  allocateId(kind: "environment" | "deployment" | "status", repositoryId: number): number {
    return this.ids.allocate(kind, repositoryId);
  }

  addEnvironment(environment: EnvironmentRecord): void {
    this.load(environment.repositoryId);
    this.environments.set(environment.id, environment);
  }

  /** A repository's environments sorted by name, as GitHub lists them. */
  environmentsOf(repositoryId: number): EnvironmentRecord[] {
    this.load(repositoryId);
    return [...this.environments.values()]
      .filter((environment) => environment.repositoryId === repositoryId)
      .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  }

  /** Environment names are case-insensitive on GitHub. */
  findEnvironment(repositoryId: number, name: string): EnvironmentRecord | undefined {
    return this.environmentsOf(repositoryId).find(
      (environment) => environment.name.toLowerCase() === name.toLowerCase(),
    );
  }

  addDeployment(deployment: DeploymentRecord): void {
    this.load(deployment.repositoryId);
    this.deployments.set(deployment.id, deployment);
  }

  /** A repository's deployments, newest first. */
  deploymentsOf(repositoryId: number): DeploymentRecord[] {
    this.load(repositoryId);
    return [...this.deployments.values()]
      .filter((deployment) => deployment.repositoryId === repositoryId)
      .sort(newestFirst);
  }

  getDeployment(repositoryId: number, id: number): DeploymentRecord | undefined {
    this.load(repositoryId);
    const deployment = this.deployments.get(id);
    return deployment && deployment.repositoryId === repositoryId ? deployment : undefined;
  }

  /** Drops a deleted (or evicted) repository's environments, deployments and their statuses. */
  forgetRepository(repositoryId: number): void {
    this.ids.forgetRepository(repositoryId);
    for (const [id, environment] of this.environments) {
      if (environment.repositoryId === repositoryId) this.environments.delete(id);
    }
    for (const [id, deployment] of this.deployments) {
      if (deployment.repositoryId !== repositoryId) continue;
      this.deployments.delete(id);
      for (const [statusId, status] of this.statuses)
        if (status.deploymentId === id) this.statuses.delete(statusId);
    }
  }

  addStatus(status: DeploymentStatusRecord): void {
    this.statuses.set(status.id, status);
  }

  /** A deployment's statuses, newest first. */
  statusesOf(deploymentId: number): DeploymentStatusRecord[] {
    return [...this.statuses.values()]
      .filter((status) => status.deploymentId === deploymentId)
      .sort(newestFirst);
  }

  getStatus(deploymentId: number, id: number): DeploymentStatusRecord | undefined {
    const status = this.statuses.get(id);
    return status && status.deploymentId === deploymentId ? status : undefined;
  }
}
