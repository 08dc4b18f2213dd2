/** One attempted webhook delivery, as `GET /_simulator/deliveries` lists it. */
export interface DeliveryRecord {
  /** The event's guid (`X-GitHub-Delivery`), shared by the first attempt and its redeliveries. */
  id: string;
  /** The REST API's `id` of this attempt (`GET /orgs/{o}/hooks/{h}/deliveries/{attemptId}`). */
  attemptId: number;
  /** Whether this attempt was asked for through `POST …/deliveries/{id}/attempts`. */
  redelivery: boolean;
  event: string;
  action: string | null;
  hookId: number;
  /** The repository the event is about, when there is one (`repository_id` of the API). */
  repositoryId: number | null;
  url: string;
  /** HTTP status of the receiver's answer, or null when no answer came. */
  statusCode: number | null;
  /** Why the delivery failed without an HTTP answer (timeout, refused URL, connection error). */
  error: string | null;
  durationMs: number;
  deliveredAt: string;
  /** Whether the attempt has finished. */
  done: boolean;
}

/** What one attempt sent and received, kept apart from the record so delivery listings stay light. */
export interface DeliveryExchange {
  request: { headers: Record<string, string>; payload: Record<string, unknown> };
  response: { headers: Record<string, string> | null; body: string | null };
}
