import { generateKeyPairSync } from "node:crypto";
import type { Random } from "./random.js";
import type { AccessTokenRecord } from "./state/access-token.js";
import type { AccountRecord } from "./state/account.js";
import { formatGitHubTime } from "./state/simulator-clock.js";
import type { SimulatorState } from "./state/simulator-state.js";
import type { PermissionAccess, PermissionName } from "./state/token-grant.js";
import { createFineGrainedToken } from "./token-formats.js";

/**
 * The permissions Port's GitHub integration documents for a fine-grained token (the seed's list): read on
 * the repository permissions it syncs, read on members and organization administration, write on
 * organization webhooks. The seeded fine-grained PAT and App installation hold exactly these.
 */
export const INTEGRATION_PERMISSIONS: Readonly<Partial<Record<PermissionName, PermissionAccess>>> = {
  contents: "read",
  metadata: "read",
  administration: "read",
  pull_requests: "read",
  issues: "read",
  actions: "read",
  security_events: "read",
  vulnerability_alerts: "read",
  deployments: "read",
  environments: "read",
  members: "read",
  organization_administration: "read",
  organization_hooks: "write",
};

/** Webhook events the seeded App subscribes to. */
const APP_EVENTS = [
  "issues",
  "pull_request",
  "push",
  "release",
  "repository",
  "member",
  "membership",
  "team",
];

export interface SeededCredentials {
  classicPat: string;
  fineGrainedPat: string;
  appId: number;
  /** PEM (PKCS#1), as GitHub's "Generate a private key" downloads it. */
  appPrivateKey: string;
  installationId: number;
}

let keyPair: { privateKey: string; publicKey: string } | undefined;

/** The App's RSA key pair: made once per process (2048-bit generation is slow; keys need not be seeded). */
function appKeyPair(): { privateKey: string; publicKey: string } {
  keyPair ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return keyPair;
}

/**
 * Seeds the credentials a person or test points Portolan at: the owner's fine-grained PAT on the
 * organization (all repositories, `INTEGRATION_PERMISSIONS`), and a GitHub App owned by the organization
 * and installed on it with the same permissions. Timestamps come from the epoch, not the clock, so the
 * clock's later readings do not move.
 */
export function generateCredentials(
  state: SimulatorState,
  random: Random,
  input: { organization: AccountRecord; owner: AccountRecord; classicPat: string },
): SeededCredentials {
  const { organization, owner } = input;
  const fineGrainedPat = createFineGrainedToken(random);
  const fineGrained: AccessTokenRecord = {
    token: fineGrainedPat,
    kind: "fine-grained",
    userId: owner.id,
    scopes: [],
    grant: { ownerId: organization.id, repositories: "all", permissions: { ...INTEGRATION_PERMISSIONS } },
    expiresAtMs: null,
    revoked: false,
    rateLimitKey: fineGrainedPat,
  };
  state.addToken(fineGrained);

  const keys = appKeyPair();
  const createdAt = formatGitHubTime(new Date(state.epochMs - random.int(30, 300) * 86_400_000));
  const appId = random.int(100_000, 999_999);
  state.apps.addApp({
    id: appId,
    slug: `${organization.login}-portolan`,
    name: `${organization.login} Portolan`,
    clientId: `Iv23li${random.hex(14)}`,
    ownerId: organization.id,
    description: "The GitHub App the simulator seeds for Portolan's integration.",
    privateKeyPem: keys.privateKey,
    publicKeyPem: keys.publicKey,
    createdAt,
    updatedAt: createdAt,
    events: APP_EVENTS,
  });
  const installation = state.apps.install({
    appId,
    grant: { ownerId: organization.id, repositories: "all", permissions: { ...INTEGRATION_PERMISSIONS } },
    installedById: owner.id,
    suspendedAt: null,
    suspendedById: null,
    createdAt,
    updatedAt: createdAt,
  });
  return {
    classicPat: input.classicPat,
    fineGrainedPat,
    appId,
    appPrivateKey: keys.privateKey,
    installationId: installation.id,
  };
}
