/**
 * The other process of `npm run bench -- events`: sends signed webhook deliveries to a URL on loopback
 * and prints, as one JSON line, how long each took to be answered. Arguments: a JSON object
 * `{url, secret, count, concurrency, pauseMs, ratePerSecond, prefix}`: a pause > 0 sends one at a time,
 * paced; a rate > 0 sends open loop at that rate, each delivery on time whether or not earlier ones were
 * answered (what GitHub does), so the answer times show the latency at that load, not a queue's.
 */
import { createHmac } from "node:crypto";
import { Agent, request } from "node:http";

interface SendPlan {
  url: string;
  secret: string;
  count: number;
  concurrency: number;
  pauseMs: number;
  ratePerSecond?: number;
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
    await sendOne(index);
    if (plan.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.pauseMs));
  }
}

/**
 * Node's own HTTP client on kept-alive connections, not `fetch`: the sender shares the machine's cores
 * with the server, and fetch's extra work per request would show up as the server's latency.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Math.max(plan.concurrency, 64) });
const target = new URL(plan.url);

async function sendOne(index: number): Promise<void> {
  const { body, headers } = delivery(index);
  const sentAt = performance.now();
  const status = await new Promise<number>((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        method: "POST",
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
  answerMs.push(performance.now() - sentAt);
  if (status === 202) accepted++;
}

/** Open loop: delivery i leaves at i / rate seconds, however long the earlier ones take. */
async function atRate(ratePerSecond: number): Promise<void> {
  const inFlight: Promise<void>[] = [];
  while (next < plan.count) {
    const due = Math.min(plan.count, Math.floor(((performance.now() - started) * ratePerSecond) / 1000) + 1);
    while (next < due) inFlight.push(sendOne(next++));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
}

if (plan.ratePerSecond !== undefined && plan.ratePerSecond > 0) await atRate(plan.ratePerSecond);
else await Promise.all(Array.from({ length: plan.pauseMs > 0 ? 1 : plan.concurrency }, sender));
const report: SendReport = {
  sent: plan.count,
  accepted,
  seconds: (performance.now() - started) / 1000,
  answerMs,
};
agent.destroy();
process.stdout.write(`${JSON.stringify(report)}\n`);
