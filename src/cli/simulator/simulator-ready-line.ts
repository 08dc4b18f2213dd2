import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningSimulator } from "../../simulator/start-simulator.js";

/** What `portolan simulator` prints once ready: everything a person or a script needs to use it. */
export interface SimulatorReadyLine {
  url: string;
  graphqlUrl: string;
  organizations: string[];
  credentials: {
    classicPat: string;
    fineGrainedPat: string;
    appId: number;
    appPrivateKeyFile: string;
  };
  controlUrl: string;
}

/** What the ready line reads of a running simulator. */
export type ReadyLineSource = Pick<RunningSimulator, "url" | "organization" | "credentials">;

/**
 * Builds the ready line. The app's private key is written to a file only its owner can read (in a
 * directory of its own), since tools take a key file, not a PEM on the command line; `removeKeyFile`
 * deletes it when the simulator stops.
 */
export function buildSimulatorReadyLine(simulator: ReadyLineSource): {
  line: SimulatorReadyLine;
  removeKeyFile: () => void;
} {
  const { credentials } = simulator;
  const keyDirectory = mkdtempSync(join(tmpdir(), "portolan-simulator-"));
  const keyFile = join(keyDirectory, "app-private-key.pem");
  writeFileSync(keyFile, credentials.appPrivateKey, { mode: 0o600 });
  return {
    line: {
      url: simulator.url,
      graphqlUrl: `${simulator.url}/graphql`,
      organizations: [simulator.organization],
      credentials: {
        classicPat: credentials.classicPat,
        fineGrainedPat: credentials.fineGrainedPat,
        appId: credentials.appId,
        appPrivateKeyFile: keyFile,
      },
      controlUrl: `${simulator.url}/_simulator`,
    },
    removeKeyFile() {
      rmSync(keyDirectory, { recursive: true, force: true });
    },
  };
}
