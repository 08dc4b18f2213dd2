/** One attempted webhook delivery, as `GET /_simulator/deliveries` lists it. */
export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | null;
  hookId: number;
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
