/** An organization webhook. The secret is stored but never rendered (GitHub shows `********`). */
export interface OrgHookRecord {
  id: number;
  orgId: number;
  name: "web";
  events: string[];
  active: boolean;
  config: {
    url: string;
    contentType: "json" | "form";
    insecureSsl: "0" | "1";
    secret: string | null;
  };
  createdAt: string;
  updatedAt: string;
}
