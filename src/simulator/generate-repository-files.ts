import type { Random } from "./random.js";
import type { RepositoryRecord } from "./state/repository.js";
import type { SimulatorState } from "./state/simulator-state.js";

const SKILLS = [
  {
    name: "incident-triage",
    summary: "Triage production incidents using catalog context and recent deploys.",
  },
  { name: "release-notes", summary: "Summarize merged pull requests since the previous tag." },
  { name: "hello-skill", summary: "A minimal example skill." },
  { name: "db-migrations", summary: "Plan and review database migrations." },
  { name: "api-review", summary: "Review an API change against the style guide." },
  { name: "on-call-handover", summary: "Write the on-call handover note." },
  { name: "dependency-bump", summary: "Bump a dependency and summarise its changelog." },
  { name: "test-triage", summary: "Find the cause of a flaky test." },
  { name: "cost-report", summary: "Explain this month's cloud costs." },
];
/** Every root the skill kind looks in by default, and one only `**` globs reach. */
const SKILL_ROOTS = [
  ".claude/skills",
  ".agents/skills",
  ".cursor/skills",
  "skills",
  ".github/skills",
  ".agent/skills",
  ".codex/skills",
  ".opencode/skills",
  "packages/agent-kit/skills",
];
const TIERS = ["tier-1", "tier-2", "tier-3"];

/** How many feature slots there are: the special files land on the repositories in these positions. */
export const FILE_FEATURE_SLOTS = 12;

/**
 * The files the folder, file, skill and plugin kinds read, spread over an organization's source
 * repositories so that every seed has: nested service folders, JSON and YAML descriptors (a dict and a
 * list, with `file://` references that resolve and one that does not), an unparsable JSON file, a file
 * over 100 000 bytes and one over 1 MiB, `SKILL.md` files with and without (and with broken) front
 * matter under several roots, agent plugin manifests of every provider and directory markers, and a
 * second branch (`develop`) with its own changes. Values come from `random`, never the wall clock.
 */
export function generateRepositoryFiles(
  state: SimulatorState,
  random: Random,
  repositories: readonly RepositoryRecord[],
): void {
  const sources = repositories.filter((repo) => repo.parentId === null);
  // A seeded order decides which repository gets which feature; every slot lands somewhere.
  const shuffled = random.sample(sources, sources.length);
  const slots = Math.max(shuffled.length, FILE_FEATURE_SLOTS);
  for (const [position, repo] of shuffled.entries()) {
    generateFilesOf(state, random, repo, position, (slot) => position % slots === slot % slots);
  }
  for (let slot = shuffled.length; slot < FILE_FEATURE_SLOTS && shuffled.length > 0; slot++) {
    const repo = shuffled[slot % shuffled.length] as RepositoryRecord;
    generateFilesOf(state, random, repo, -1, (wanted) => wanted === slot);
  }
}

/**
 * One source repository's files: service folders, descriptors and docs by its `position` (−1: none),
 * and the special files of every feature slot `hasSlot` accepts.
 */
export function generateFilesOf(
  state: SimulatorState,
  random: Random,
  repo: RepositoryRecord,
  position: number,
  hasSlot: (slot: number) => boolean,
): void {
  const owner = state.getAccount(repo.ownerId).login;
  const write = (path: string, text: string, ref = repo.defaultBranch) =>
    state.writeFile(repo.id, ref, path, text);
  const area = repo.name.split(/[-_.]/)[0] || repo.name;
  if (position >= 0 && (position % 2 === 0 || position < 4)) {
    for (const role of random.sample(["api", "worker", "web", "jobs"], random.int(1, 3))) {
      const dir = `services/${area}-${role}`;
      write(`${dir}/README.md`, `# ${area}-${role}\n\nOwned by @${owner}/${area}-team.\n`);
      const descriptor = {
        name: `${area}-${role}`,
        tier: random.pick(TIERS),
        lifecycle: random.pick(["production", "experimental", "deprecated"]),
        readme: "file://README.md",
      };
      write(`${dir}/port.json`, `${JSON.stringify(descriptor, null, 2)}\n`);
    }
  }
  if (position >= 0 && position % 3 === 0) {
    write(
      "catalog-info.yaml",
      [
        "apiVersion: backstage.io/v1alpha1",
        "kind: Component",
        "metadata:",
        `  name: ${repo.name}`,
        `  description: ${JSON.stringify(repo.description ?? "")}`,
        "spec:",
        `  type: ${random.pick(["service", "library", "website"])}`,
        `  owner: ${area}-team`,
        `  lifecycle: ${random.pick(["production", "experimental"])}`,
        "",
      ].join("\n"),
    );
  }
  if (position >= 0 && position % 4 === 1) {
    write("docs/guides/getting-started.md", `# Getting started with ${repo.name}\n`);
    write("docs/adr/0001-record-architecture-decisions.md", "# 1. Record architecture decisions\n");
  }

  if (hasSlot(0)) {
    // A YAML list whose items reference files, one of them missing.
    write(".port/runbooks.md", "# Runbooks\n\nRestart the worker, then page the owner.\n");
    write(
      ".port/entities.yml",
      [
        "- identifier: runbooks",
        "  title: Runbooks",
        "  body: file://runbooks.md",
        "- identifier: missing",
        "  title: A reference to a file that does not exist",
        "  body: file://nowhere.md",
        "",
      ].join("\n"),
    );
  }
  if (hasSlot(1)) {
    write("config/broken.json", '{ "name": "unterminated", \n');
    write("config/settings.yaml", "feature_flags:\n  checkout_v2: true\n  dark_mode: false\nretries: 3\n");
  }
  if (hasSlot(2)) {
    const rows = Array.from({ length: 1800 }, (_, i) => ({
      id: i + 1,
      sku: `SKU-${random.hex(8)}`,
      qty: random.int(0, 500),
    }));
    write("data/fixtures.json", `${JSON.stringify(rows, null, 1)}\n`);
    write("data/dump.sql", `-- seeded dump\n${"INSERT INTO t VALUES (1);\n".repeat(45_000)}`);
  }
  for (const [i, skill] of SKILLS.entries()) {
    if (!hasSlot(i + 3)) continue;
    const root = SKILL_ROOTS[i % SKILL_ROOTS.length] as string;
    const body = `# ${skill.name}\n\n${skill.summary}\n`;
    const text =
      i === 1
        ? body
        : i === 3
          ? `---\nname: [unclosed\n---\n${body}`
          : `---\nname: ${skill.name}\ndescription: ${skill.summary}\nallowed-tools:\n  - Read\n  - Grep\n---\n${body}`;
    write(`${root}/${skill.name}/SKILL.md`, text.replace(/\n/g, i === 2 ? "\r\n" : "\n"));
  }
  if (hasSlot(5)) {
    const name = repo.name;
    const version = `${random.int(0, 3)}.${random.int(0, 9)}.${random.int(0, 9)}`;
    const manifest = (extra: Record<string, unknown>) =>
      `${JSON.stringify({ name, version, ...extra }, null, 2)}\n`;
    write(
      ".cursor-plugin/plugin.json",
      manifest({ displayName: `${name} tools`, description: "Cursor commands", skills: "./skills/" }),
    );
    write(".claude-plugin/plugin.json", manifest({ description: "Claude Code commands" }));
    write(
      ".claude-plugin/marketplace.json",
      `${JSON.stringify({ name: `${name}-marketplace`, plugins: [{ name, source: "./" }] }, null, 2)}\n`,
    );
    write(".codex-plugin/plugin.json", manifest({}));
    write(".kimi-plugin/plugin.json", manifest({}));
    write("gemini-extension.json", manifest({}));
    write(
      ".agents/plugins/marketplace.json",
      `${JSON.stringify({ name: `${name}-agents`, plugins: [{ name }] }, null, 2)}\n`,
    );
    write(".opencode/plugins/notify.ts", "export const notify = () => {};\n");
  }
  if (hasSlot(6)) {
    write(".pi/extensions/hooks.ts", "export default {};\n");
    write(".opencode/plugins/hooks.ts", "export default {};\n");
  }
  if (hasSlot(7)) {
    // A second branch with its own descriptor and skill.
    state.ensureRef(repo.id, "develop", repo.defaultBranch);
    write(
      "services/next-api/port.json",
      `${JSON.stringify({ name: "next-api", tier: "tier-3" }, null, 2)}\n`,
      "develop",
    );
    write("skills/next-skill/SKILL.md", "---\nname: next-skill\n---\n# Next\n", "develop");
  }
}
