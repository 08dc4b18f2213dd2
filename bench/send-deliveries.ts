/**
 * The other process of `npm run bench -- events`: sends signed webhook deliveries to a URL on loopback
 * and prints, as one JSON line, how long each took to be answered. Arguments: a JSON object
 * `{url, secret, count, concurrency, pauseMs, prefix}` (a pause > 0 sends one at a time, paced).
 */
import { createHmac } from "node:crypto";

interface SendPlan {
  url: string;
  secret: string;
  count: number;
  concurrency: number;
  pauseMs: number;
  prefix: string;
}

export interface SendReport {
  sent: number;
  accepted: number;
  seconds: number;
  /** Milliseconds from sending to the answer, per delivery. */
  answerMs: number[];
}

const plan = JSON.parse(process.argv[2] ?? "{}") as SendPlan;

/** A push-like delivery: each goes to its own group (a repository), so workers can run in parallel. */
function delivery(index: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    action: "updated",
    service: { id: `${plan.prefix}-${index}`, name: `Service ${index}`, group: index % 50 },
    sent_at: Date.now(),
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "service",
      "x-github-delivery": `${plan.prefix}-${index}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", plan.secret).update(body).digest("hex")}`,
    },
  };
}

const answerMs: number[] = [];
let accepted = 0;
let next = 0;
const started = performance.now();

async function sender(): Promise<void> {
  for (;;) {
    const index = next++;
    if (index >= plan.count) return;
    const { body, headers } = delivery(index);
    const sentAt = performance.now();
    const response = await fetch(plan.url, { method: "POST", headers, body });
    await response.arrayBuffer();
    answerMs.push(performance.now() - sentAt);
    if (response.status === 202) accepted++;
    if (plan.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.pauseMs));
  }
}

await Promise.all(Array.from({ length: plan.pauseMs > 0 ? 1 : plan.concurrency }, sender));
const report: SendReport = {
  sent: plan.count,
  accepted,
  seconds: (performance.now() - started) / 1000,
  answerMs,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
