import type { ProgressEvent } from '../api/progress';

export type ProgressSink = (event: ProgressEvent) => void;

/**
 * Turns "done out of total" into progress events with a rate and an ETA, throttled so a fast loop
 * does not flood the transport.
 */
export class JobProgress {
  private readonly started = performance.now();
  private lastEmit = 0;

  constructor(
    private readonly jobId: string,
    private readonly sink: ProgressSink,
    private readonly unit: ProgressEvent['unit'],
    private readonly minIntervalMs = 200,
  ) {}

  report(phase: string, done: number, total: number | null, item?: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastEmit < this.minIntervalMs) return;
    this.lastEmit = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : null;
    const etaSeconds =
      total !== null && rate !== null && rate > 0 ? Math.max(0, (total - done) / rate) : null;
    const event: ProgressEvent = { jobId: this.jobId, phase, done, total, unit: this.unit, rate, etaSeconds };
    this.sink(item === undefined ? event : { ...event, item });
  }
}
