import type { z } from "zod";
import type { Random } from "../random.js";
import type { FaultRule, FaultRuleInputSchema } from "./fault-rule.js";
import { compilePathPattern } from "./path-pattern.js";

/**
 * The active fault rules, in the order they were added; the first rule that matches a request and fires
 * decides its fault. Probabilities draw on a fork of the simulator's seeded random, so a seed replays the
 * same faults for the same sequence of requests.
 */
export class FaultRules {
  private readonly rules: Array<{ rule: FaultRule; path: RegExp }> = [];
  private nextId = 1;

  constructor(private readonly random: Random) {}

  add(input: z.output<typeof FaultRuleInputSchema>): FaultRule {
    const rule: FaultRule = { ...input, id: this.nextId++, fired: 0 };
    this.rules.push({ rule, path: compilePathPattern(rule.pathPattern) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule }) => ({ ...rule }));
  }

  remove(id: number): boolean {
    const index = this.rules.findIndex(({ rule }) => rule.id === id);
    if (index >= 0) this.rules.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The rule whose fault this request gets, if any (counting it as fired). */
  take(method: string, path: string): FaultRule | undefined {
    for (const { rule, path: pattern } of this.rules) {
      if (rule.method !== undefined && rule.method !== method) continue;
      if (!pattern.test(path)) continue;
      if (rule.count !== undefined && rule.fired >= rule.count) continue;
      if (rule.probability !== undefined && !this.random.chance(rule.probability)) continue;
      rule.fired += 1;
      return rule;
    }
    return undefined;
  }
}
