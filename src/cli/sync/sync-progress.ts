import type { KindCounts, ResyncSummary } from "../../engine/sync/resync-summary.js";

const BAR_WIDTH = 24;
const REDRAW_INTERVAL_MS = 100;

/**
 * `portolan sync`'s progress: on a terminal one bar per kind, redrawn in place (a kind's total is
 * the number the previous resync saw, so the bar is an estimate); elsewhere one plain line per
 * kind when it is done, which logs and CI read well.
 */
export class SyncProgress {
  private drawnLines = 0;
  private lastDraw = 0;
  private readonly printed = new Set<string>();

  constructor(
    private readonly output: NodeJS.WritableStream & { isTTY?: boolean },
    /** Per kind, how many raw objects the previous resync saw. */
    private readonly expected: Readonly<Record<string, number>>,
  ) {}

  update(summary: ResyncSummary): void {
    if (this.output.isTTY) {
      const now = Date.now();
      if (summary.status === "running" && now - this.lastDraw < REDRAW_INTERVAL_MS) return;
      this.lastDraw = now;
      this.redraw(summary);
      return;
    }
    // Kinds run in mapping order: when a later kind appears, the earlier ones are done.
    const kinds = Object.keys(summary.kinds);
    const done = summary.status === "running" ? kinds.slice(0, -1) : kinds;
    for (const kind of done) {
      if (this.printed.has(kind)) continue;
      this.printed.add(kind);
      this.output.write(`${kind}: ${describeCounts(summary.kinds[kind] as KindCounts)}\n`);
    }
  }

  private redraw(summary: ResyncSummary): void {
    const lines = Object.entries(summary.kinds).map(([kind, counts]) =>
      this.barLine(kind, counts, summary.status !== "running"),
    );
    let text = this.drawnLines > 0 ? `\u001b[${this.drawnLines}A` : "";
    for (const line of lines) text += `\u001b[2K${line}\n`;
    this.output.write(text);
    this.drawnLines = lines.length;
  }

  private barLine(kind: string, counts: KindCounts, finished: boolean): string {
    const expected = this.expected[kind];
    const fraction = finished ? 1 : expected ? Math.min(counts.seen / expected, 0.99) : undefined;
    const bar =
      fraction === undefined
        ? `${"·".repeat(counts.seen % BAR_WIDTH)}#${"·".repeat(BAR_WIDTH - 1 - (counts.seen % BAR_WIDTH))}`
        : `${"#".repeat(Math.round(fraction * BAR_WIDTH))}${"·".repeat(BAR_WIDTH - Math.round(fraction * BAR_WIDTH))}`;
    const percent = fraction === undefined ? "  ? %" : `${String(Math.round(fraction * 100)).padStart(3)} %`;
    return `${kind.padEnd(20)} [${bar}] ${percent}  ${describeCounts(counts)}`;
  }
}

function describeCounts(counts: KindCounts): string {
  return `seen ${counts.seen}, upserted ${counts.upserted}, unchanged ${counts.unchanged}, failed ${counts.failed}, deleted ${counts.deleted}`;
}
