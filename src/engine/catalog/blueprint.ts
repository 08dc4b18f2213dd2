/** Port's blueprint shape (the subset Portolan reads; other keys are kept as given). */
export interface BlueprintProperty {
  type?: string;
  title?: string;
  description?: string;
  format?: string;
  enum?: unknown[];
  items?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface BlueprintRelation {
  title?: string;
  target: string;
  required?: boolean;
  many?: boolean;
}

export interface Blueprint {
  identifier: string;
  title?: string;
  icon?: string;
  description?: string;
  schema: { properties: Record<string, BlueprintProperty>; required?: string[] };
  relations?: Record<string, BlueprintRelation>;
  calculationProperties?: Record<string, unknown>;
  mirrorProperties?: Record<string, unknown>;
  aggregationProperties?: Record<string, unknown>;
}
