import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningSimulator } from "../../simulator/start-simulator.js";

/** The credentials a simulator offers; the classic PAT always exists, the others once implemented. */
export interface SimulatorCredentials {
  classicPat: string;
  fineGrainedPat?: string;
  appId?: number;
  appPrivateKey?: string;
  installationId?: number;
}

/** What `portolan simulator` prints once ready: everything a person or a script needs to use it. */
export interface SimulatorReadyLine {
  url: string;
  graphqlUrl: string;
  organizations: string[];
  credentials: {
    classicPat: string;
    fineGrainedPat: string | null;
    appId: number | null;
    appPrivateKeyFile: string | null;
  };
  controlUrl: string;
}

/** A running simulator as the ready line reads it; `credentials` is used when the simulator has it. */
export type ReadyLineSource = Pick<RunningSimulator, "url" | "organization" | "adminToken"> & {
  credentials?: SimulatorCredentials;
};

/**
 * Builds the ready line. The app's private key is written to a file only its owner can read (in a
 * directory of its own), since tools take a key file, not a PEM on the command line; `removeKeyFile`
 * deletes it when the simulator stops.
 */
export function buildSimulatorReadyLine(simulator: ReadyLineSource): {
  line: SimulatorReadyLine;
  removeKeyFile: () => void;
} {
  const credentials = simulator.credentials ?? { classicPat: simulator.adminToken };
  let keyDirectory: string | null = null;
  let keyFile: string | null = null;
  if (credentials.appPrivateKey !== undefined) {
    keyDirectory = mkdtempSync(join(tmpdir(), "portolan-simulator-"));
    keyFile = join(keyDirectory, "app-private-key.pem");
    writeFileSync(keyFile, credentials.appPrivateKey, { mode: 0o600 });
  }
  return {
    line: {
      url: simulator.url,
      graphqlUrl: `${simulator.url}/graphql`,
      organizations: [simulator.organization],
      credentials: {
        classicPat: credentials.classicPat,
        fineGrainedPat: credentials.fineGrainedPat ?? null,
        appId: credentials.appId ?? null,
        appPrivateKeyFile: keyFile,
      },
      controlUrl: `${simulator.url}/_simulator`,
    },
    removeKeyFile() {
      if (keyDirectory !== null) rmSync(keyDirectory, { recursive: true, force: true });
    },
  };
}
