/**
 * Whether deliveries go out (`POST /_simulator/webhooks/delivery`): switched off for every hook or for
 * some, they are recorded as failed without a connection, as when the receiver is down. Redeliveries
 * older than `redeliveryWindowSeconds` are refused; GitHub keeps deliveries for 3 days.
 */
export class DeliverySwitch {
  private allOff = false;
  private readonly hooksOff = new Set<number>();
  redeliveryWindowSeconds = 3 * 24 * 3600;

  /** Switches every hook (no `hookId`) or one hook on or off. Switching all on clears per-hook switches. */
  set(enabled: boolean, hookId?: number): void {
    if (hookId === undefined) {
      this.allOff = !enabled;
      if (enabled) this.hooksOff.clear();
    } else if (enabled) this.hooksOff.delete(hookId);
    else this.hooksOff.add(hookId);
  }

  isOn(hookId: number): boolean {
    return !this.allOff && !this.hooksOff.has(hookId);
  }

  describe(): { enabled: boolean; disabled_hooks: number[]; redelivery_window_seconds: number } {
    return {
      enabled: !this.allOff,
      disabled_hooks: [...this.hooksOff].sort((a, b) => a - b),
      redelivery_window_seconds: this.redeliveryWindowSeconds,
    };
  }
}
