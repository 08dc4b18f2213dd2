/**
 * Security alerts of a repository as the simulator stores them: Dependabot, code scanning and secret
 * scanning. Numbers are per repository and kind, as on GitHub. Shapes in `../shapes/render-*-alert.ts`.
 */
export type DependabotState = "open" | "dismissed" | "fixed" | "auto_dismissed";
export type AdvisorySeverity = "low" | "medium" | "high" | "critical";
export type DependabotEcosystem =
  | "composer"
  | "go"
  | "maven"
  | "npm"
  | "nuget"
  | "pip"
  | "pub"
  | "rubygems"
  | "rust";

export interface DependabotAlertRecord {
  kind: "dependabot";
  repositoryId: number;
  number: number;
  state: DependabotState;
  ecosystem: DependabotEcosystem;
  packageName: string;
  manifestPath: string;
  severity: AdvisorySeverity;
  ghsaId: string;
  cveId: string | null;
  summary: string;
  vulnerableRange: string;
  patchedVersion: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the alert entered its current closed state (`dismissed_at`, `fixed_at`, `auto_dismissed_at`). */
  closedAt: string | null;
  /** Who dismissed it (`dismissed_by`); null while open or when GitHub closed it itself. */
  closedById: number | null;
  dismissedReason: "fix_started" | "inaccurate" | "no_bandwidth" | "not_used" | "tolerable_risk" | null;
}

export type CodeScanningState = "open" | "dismissed" | "fixed";
export type CodeScanningRuleSeverity = "error" | "warning" | "note";

export interface CodeScanningAlertRecord {
  kind: "code-scanning";
  repositoryId: number;
  number: number;
  state: CodeScanningState;
  ruleId: string;
  ruleDescription: string;
  ruleSeverity: CodeScanningRuleSeverity;
  /** `security_severity_level`: only security rules have one. */
  securitySeverity: AdvisorySeverity | null;
  toolName: string;
  ref: string;
  path: string;
  startLine: number;
  commitSha: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Who dismissed it (`dismissed_by`); null while open or when GitHub closed it itself. */
  closedById: number | null;
  dismissedReason: "false positive" | "won't fix" | "used in tests" | null;
}

export type SecretScanningState = "open" | "resolved";

export interface SecretScanningAlertRecord {
  kind: "secret-scanning";
  repositoryId: number;
  number: number;
  state: SecretScanningState;
  secretType: string;
  secretTypeDisplayName: string;
  secret: string;
  resolution: "false_positive" | "wont_fix" | "revoked" | "used_in_tests" | null;
  validity: "active" | "inactive" | "unknown";
  publiclyLeaked: boolean;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** Who resolved it (`resolved_by`); null while open. */
  closedById: number | null;
}

export type SecurityAlertRecord = DependabotAlertRecord | CodeScanningAlertRecord | SecretScanningAlertRecord;
export type SecurityAlertKind = SecurityAlertRecord["kind"];
