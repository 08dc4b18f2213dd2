import type { Random } from "./random.js";
import type { RepositoryRecord } from "./state/repository.js";
import type { SimulatorState } from "./state/simulator-state.js";

/**
 * The files a repository starts with: a fork its parent's; another a README (most), a CODEOWNERS (some)
 * and its language's manifest (`package.json`, `go.mod`).
 */
export function writeBaseFiles(state: SimulatorState, random: Random, repository: RepositoryRecord): void {
  const { id, name, defaultBranch } = repository;
  const parent = repository.parentId === null ? undefined : state.getRepository(repository.parentId);
  if (parent) {
    for (const path of state.listFiles(parent.id, parent.defaultBranch)) {
      state.writeFile(id, defaultBranch, path, state.readFile(parent.id, parent.defaultBranch, path) ?? "");
    }
    return;
  }
  const area = name.split(/[-_.]/)[0] ?? name;
  if (random.chance(0.85)) {
    const about = repository.description ?? "No description yet.";
    state.writeFile(id, defaultBranch, "README.md", `# ${name}\n\n${about}\n`);
  }
  if (random.chance(0.35)) {
    const path = random.pick(["CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"]);
    state.writeFile(
      id,
      defaultBranch,
      path,
      `* @${state.getAccount(repository.ownerId).login}/${area}-team\n`,
    );
  }
  if (repository.language === "TypeScript") {
    const manifest = { name: `@example/${name}`, version: `1.${random.int(0, 20)}.${random.int(0, 9)}` };
    state.writeFile(id, defaultBranch, "package.json", `${JSON.stringify(manifest, null, 2)}\n`);
  }
  if (repository.language === "Go") {
    state.writeFile(id, defaultBranch, "go.mod", `module example.dev/${name}\n\ngo 1.22\n`);
  }
}
