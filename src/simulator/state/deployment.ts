/** Deployment environments, deployments and deployment statuses, as the simulator stores them. */
export interface EnvironmentVariableRecord {
  name: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnvironmentRecord {
  id: number;
  repositoryId: number;
  name: string;
  canAdminsBypass: boolean;
  /** Minutes a deployment waits (a `wait_timer` protection rule), or null for none. */
  waitTimer: number | null;
  variables: EnvironmentVariableRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface DeploymentRecord {
  id: number;
  repositoryId: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  creatorId: number;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
}

export type DeploymentState =
  | "error"
  | "failure"
  | "inactive"
  | "pending"
  | "success"
  | "queued"
  | "in_progress";

export interface DeploymentStatusRecord {
  id: number;
  deploymentId: number;
  state: DeploymentState;
  description: string;
  environment: string;
  environmentUrl: string;
  logUrl: string;
  creatorId: number;
  createdAt: string;
  updatedAt: string;
}
