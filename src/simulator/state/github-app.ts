import type { TokenGrant } from "./token-grant.js";

/** A GitHub App registered on the simulator: its identity and the RSA key pair its JWTs are signed with. */
export interface GitHubAppRecord {
  id: number;
  slug: string;
  name: string;
  clientId: string;
  /** The account that owns the App (the organization). */
  ownerId: number;
  description: string;
  /** PEM (PKCS#1), handed to the App's operator as GitHub's "generate a private key" does. */
  privateKeyPem: string;
  /** PEM (SPKI): what the simulator verifies JWTs with. */
  publicKeyPem: string;
  createdAt: string;
  updatedAt: string;
  /** Webhook events the App subscribes to. */
  events: string[];
}

/** One installation of an App on an account: its own permissions and repository selection. */
export interface InstallationRecord {
  id: number;
  appId: number;
  /** `grant.ownerId` is the account the App is installed on. */
  grant: TokenGrant;
  /** The user who installed it: installation tokens act with this user's access, narrowed by `grant`. */
  installedById: number;
  suspendedAt: string | null;
  suspendedById: number | null;
  createdAt: string;
  updatedAt: string;
}
