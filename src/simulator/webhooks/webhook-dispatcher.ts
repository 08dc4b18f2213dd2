import type { Logger } from "pino";
import type { Random } from "../random.js";
import type { AccountRecord } from "../state/account.js";
import type { DeliveryRecord } from "../state/delivery.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { deliverWebhook } from "./deliver-webhook.js";
import { signWebhookBody } from "./sign-webhook-body.js";

/** One event to send: its `X-GitHub-Event` name, its action (if any) and the payload object. */
export interface WebhookEvent {
  name: string;
  action: string | null;
  payload: Record<string, unknown>;
}

/**
 * Sends events to organization webhooks the way GitHub's hookshot does: to every active hook whose
 * `events` include the event (or `*`), asynchronously (the caller gets delivery ids at once), one attempt
 * each, recorded in the state's delivery log. `whenIdle()` waits for every attempt under way.
 */
export class WebhookDispatcher {
  private readonly pending = new Set<Promise<void>>();
  private readonly closing = new AbortController();
  private readonly userAgent: string;

  constructor(
    private readonly state: SimulatorState,
    private readonly random: Random,
    private readonly logger: Logger | undefined,
  ) {
    this.userAgent = `GitHub-Hookshot/${random.hex(7)}`;
  }

  /** Deliveries for every subscribed, active hook of the organization; returns their ids. */
  emitToOrganization(org: AccountRecord, event: WebhookEvent): string[] {
    return this.state
      .hooksOf(org.id)
      .filter((hook) => hook.active && (hook.events.includes("*") || hook.events.includes(event.name)))
      .map((hook) => this.deliverTo(hook, org, event));
  }

  /** One delivery to one hook, whatever its event list says (used by pings). */
  deliverTo(hook: OrgHookRecord, org: AccountRecord, event: WebhookEvent): string {
    const record: DeliveryRecord = {
      id: this.random.uuid(),
      event: event.name,
      action: event.action,
      hookId: hook.id,
      url: hook.config.url,
      statusCode: null,
      error: null,
      durationMs: 0,
      deliveredAt: new Date().toISOString(),
      done: false,
    };
    this.state.recordDelivery(record);
    const json = JSON.stringify(event.payload);
    const body = hook.config.contentType === "form" ? `payload=${encodeURIComponent(json)}` : json;
    const headers: Record<string, string> = {
      Accept: "*/*",
      "User-Agent": this.userAgent,
      "Content-Type":
        hook.config.contentType === "form" ? "application/x-www-form-urlencoded" : "application/json",
      "X-GitHub-Delivery": record.id,
      "X-GitHub-Event": event.name,
      "X-GitHub-Hook-ID": String(hook.id),
      "X-GitHub-Hook-Installation-Target-ID": String(org.id),
      "X-GitHub-Hook-Installation-Target-Type": "organization",
    };
    const attempt = (async () => {
      // Let the caller's HTTP answer go out first: GitHub delivers after the change, asynchronously.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (hook.config.secret) Object.assign(headers, await signWebhookBody(hook.config.secret, body));
      const outcome = await deliverWebhook(
        { url: hook.config.url, headers, body },
        { signal: this.closing.signal },
      );
      Object.assign(record, outcome, { done: true });
      this.logger?.info(
        { delivery: record.id, event: event.name, action: event.action, hook: hook.id, ...outcome },
        outcome.error ? "webhook delivery failed" : "webhook delivered",
      );
    })();
    this.pending.add(attempt);
    void attempt.finally(() => this.pending.delete(attempt));
    return record.id;
  }

  /** Resolves once every delivery started so far (and any started meanwhile) has been attempted. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Abandons deliveries still waiting for an answer, then waits for them to settle. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.whenIdle();
  }
}
