import type { Logger } from "pino";
import type { Random } from "../random.js";
import type { AccountRecord } from "../state/account.js";
import type { DeliveryExchange, DeliveryRecord } from "../state/delivery.js";
import type { RepositoryRecord } from "../state/repository.js";
import { type HookRecord, hookTarget } from "../state/repository-hook.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { type DeliveryOutcome, deliverWebhook } from "./deliver-webhook.js";
import { DeliverySwitch } from "./delivery-switch.js";
import { signWebhookBody } from "./sign-webhook-body.js";

/** What a switched-off hook's delivery records: no connection was made, as when the receiver is down. */
const SWITCHED_OFF: DeliveryOutcome = {
  statusCode: null,
  error: "connection refused: deliveries are switched off (POST /_simulator/webhooks/delivery)",
  durationMs: 0,
  response: null,
};

/** One event to send: its `X-GitHub-Event` name, its action (if any) and the payload object. */
export interface WebhookEvent {
  name: string;
  action: string | null;
  payload: Record<string, unknown>;
}

/**
 * Sends events to webhooks the way GitHub's hookshot does: to every active hook whose `events` include
 * the event (or `*`) — an organization's hooks, and for an event about a repository that repository's
 * hooks too —, asynchronously (the caller gets delivery ids at once), one attempt
 * each, recorded in the state's delivery log. `whenIdle()` waits for every attempt under way.
 *
 * A hook's deliveries go one after another, in the order of their events. GitHub promises no order, but
 * sent side by side they reached a receiver in any order once the machine was busy, and a test or a demo
 * then saw `release.deleted` before `release.edited`: the simulator stays deterministic.
 */
export class WebhookDispatcher {
  private readonly pending = new Set<Promise<void>>();
  /** Each hook's latest delivery, which its next one waits for (settled, whatever its outcome). */
  private readonly latestOfHook = new Map<number, Promise<void>>();
  private readonly closing = new AbortController();
  private readonly userAgent: string;
  /** Deliveries switched off (the receiver "down"), and how long redeliveries stay possible. */
  readonly switch = new DeliverySwitch();

  constructor(
    private readonly state: SimulatorState,
    private readonly random: Random,
    private readonly logger: Logger | undefined,
  ) {
    this.userAgent = `GitHub-Hookshot/${random.hex(7)}`;
  }

  /** Deliveries for every subscribed, active hook of the organization; returns their ids. */
  emitToOrganization(org: AccountRecord, event: WebhookEvent): string[] {
    return this.emitTo(this.state.hooksOf(org.id), event);
  }

  /**
   * Deliveries for an event about a repository: every subscribed, active hook of the repository, then
   * of its owner when that is an organization (a personal account has no account-wide hooks).
   */
  emitToRepository(repository: RepositoryRecord, event: WebhookEvent): string[] {
    const owner = this.state.getAccount(repository.ownerId);
    return this.emitTo(
      [
        ...this.state.repositoryHooksOf(repository.id),
        ...(owner.type === "Organization" ? this.state.hooksOf(owner.id) : []),
      ],
      event,
    );
  }

  private emitTo(hooks: readonly HookRecord[], event: WebhookEvent): string[] {
    return hooks
      .filter((hook) => hook.active && (hook.events.includes("*") || hook.events.includes(event.name)))
      .map((hook) => this.deliverTo(hook, event));
  }

  /** One delivery to one hook, whatever its event list says (used by pings). */
  deliverTo(hook: HookRecord, event: WebhookEvent): string {
    return this.attempt(hook, event, { guid: this.random.uuid(), redelivery: false }).id;
  }

  /**
   * `POST …/deliveries/{id}/attempts`: the same payload under the same guid, signed with the hook's
   * current secret and sent to its current URL, recorded as a new attempt with `redelivery: true`.
   */
  redeliver(hook: HookRecord, original: DeliveryRecord): DeliveryRecord {
    const exchange = this.state.deliveryExchange(original.attemptId);
    if (!exchange) throw new Error(`no request recorded for delivery ${original.attemptId}`);
    const event = { name: original.event, action: original.action, payload: exchange.request.payload };
    return this.attempt(hook, event, { guid: original.id, redelivery: true });
  }

  private attempt(
    hook: HookRecord,
    event: WebhookEvent,
    identity: { guid: string; redelivery: boolean },
  ): DeliveryRecord {
    const repository = event.payload.repository as { id?: unknown } | undefined;
    const record: DeliveryRecord = {
      id: identity.guid,
      attemptId: this.state.allocateDeliveryAttemptId(),
      redelivery: identity.redelivery,
      event: event.name,
      action: event.action,
      hookId: hook.id,
      repositoryId: typeof repository?.id === "number" ? repository.id : null,
      url: hook.config.url,
      statusCode: null,
      error: null,
      durationMs: 0,
      deliveredAt: new Date().toISOString(),
      done: false,
    };
    const target = hookTarget(hook);
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
      "X-GitHub-Hook-Installation-Target-ID": String(target.id),
      "X-GitHub-Hook-Installation-Target-Type": target.type,
    };
    const exchange: DeliveryExchange = {
      request: { headers, payload: event.payload },
      response: { headers: null, body: null },
    };
    this.state.recordDelivery(record, exchange);
    const previous = this.latestOfHook.get(hook.id);
    const attempt = (async () => {
      // Let the caller's HTTP answer go out first: GitHub delivers after the change, asynchronously.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await previous?.catch(() => undefined);
      if (hook.config.secret) Object.assign(headers, await signWebhookBody(hook.config.secret, body));
      const outcome = this.switch.isOn(hook.id)
        ? await deliverWebhook({ url: hook.config.url, headers, body }, { signal: this.closing.signal })
        : SWITCHED_OFF;
      const { response, ...result } = outcome;
      Object.assign(record, result, { done: true });
      if (response) exchange.response = response;
      this.logger?.info(
        { delivery: record.id, event: event.name, action: event.action, hook: hook.id, ...result },
        result.error ? "webhook delivery failed" : "webhook delivered",
      );
    })();
    this.pending.add(attempt);
    this.latestOfHook.set(hook.id, attempt);
    void attempt.finally(() => {
      this.pending.delete(attempt);
      if (this.latestOfHook.get(hook.id) === attempt) this.latestOfHook.delete(hook.id);
    });
    return record;
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
