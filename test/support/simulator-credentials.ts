/**
 * Credentials and organizations made on a running simulator, for the tests of Portolan's auth modes:
 * classic and fine-grained tokens through the control API, the App installed on another organization,
 * short-lived installation tokens, and a second organization the owner administers.
 */
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { controlSimulator } from "./simulator-control.js";

function ownerId(simulator: RunningSimulator): number {
  const owner = simulator.state.findToken(simulator.adminToken)?.userId;
  if (owner === undefined) throw new Error("the simulator's admin token has no user");
  return owner;
}

/** The seeded organization's owner: the user behind the admin token and the seeded credentials. */
export function ownerLogin(simulator: RunningSimulator): string {
  return simulator.state.getAccount(ownerId(simulator)).login;
}

/** A classic PAT of the owner with exactly these scopes. */
export async function issueClassicToken(
  simulator: RunningSimulator,
  scopes: readonly string[],
): Promise<string> {
  const { token } = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens", {
    login: ownerLogin(simulator),
    scopes,
  });
  return token;
}

/** A fine-grained PAT of the owner on one organization (the seeded one unless named), all repositories. */
export async function issueFineGrainedToken(
  simulator: RunningSimulator,
  permissions: Readonly<Record<string, "read" | "write">>,
  organization: string = simulator.organization,
): Promise<string> {
  const { token } = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens/fine-grained", {
    login: ownerLogin(simulator),
    organization,
    permissions,
  });
  return token;
}

/** Installs the simulator's GitHub App on `organization` with `permissions`; returns the installation id. */
export async function installApp(
  simulator: RunningSimulator,
  organization: string,
  permissions: Readonly<Record<string, "read" | "write">>,
): Promise<number> {
  const { id } = await controlSimulator<{ id: number }>(simulator, "POST", "/app/installations", {
    organization,
    permissions,
  });
  return id;
}

/** How long installation tokens minted from now on live. */
export async function setInstallationTokenLifetime(
  simulator: RunningSimulator,
  seconds: number,
): Promise<void> {
  await controlSimulator(simulator, "PUT", "/app/installation-token-lifetime", { seconds });
}

/**
 * A second organization, administered by the seeded owner (so the owner's classic token lists it in
 * `GET /user/orgs`), with one initialised repository per name. The simulator generates one
 * organization; the control API has no route to create another, so its state is given one.
 */
export async function addOrganization(
  simulator: RunningSimulator,
  login: string,
  repositories: readonly string[],
): Promise<void> {
  const { state } = simulator;
  const owner = ownerId(simulator);
  const seeded = state.findAccount(simulator.organization);
  if (!seeded) throw new Error("the simulator has no seeded organization");
  state.addAccount({
    ...seeded,
    id: seeded.id + 1_000_000,
    login,
    name: login,
    description: `A second organization for ${login}'s tests`,
    email: `opensource@${login}.example.dev`,
    blog: `https://${login}.example.dev`,
    members: new Map([[owner, "admin"]]),
  });
  for (const name of repositories) {
    await controlSimulator(simulator, "POST", `/orgs/${login}/repos`, { name, auto_init: true });
  }
}

/** A public repository of the owner's personal account, made through the control API. */
export async function addPersonalRepository(simulator: RunningSimulator, name: string): Promise<void> {
  await controlSimulator(simulator, "POST", `/users/${ownerLogin(simulator)}/repos`, { name });
}
