// How evenly media frames reached the server: the gap between consecutive frames of a track,
// measured when the event loop handles them, against the 20 ms Twilio sends them at. A loaded
// process shows it first here (frames bunch up behind a busy loop). Kept as a histogram of
// 1 ms buckets, so a call of any length costs the same few kilobytes.
const BUCKETS = 2001;
const FRAME_MS = 20;

export class FrameTiming {
  private readonly histogram = new Uint32Array(BUCKETS);
  private readonly lastArrival = new Map<string, number>();
  private count = 0;
  private max = 0;

  arrived(track: string, atMs: number): void {
    const last = this.lastArrival.get(track);
    this.lastArrival.set(track, atMs);
    if (last === undefined) return;
    const jitter = Math.abs(atMs - last - FRAME_MS);
    this.histogram[Math.min(BUCKETS - 1, Math.round(jitter))]! += 1;
    this.count += 1;
    if (jitter > this.max) this.max = jitter;
  }

  /** The p-th percentile of |inter-arrival − 20 ms|, in whole ms (0 when fewer than two frames). */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((this.count * p) / 100);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.histogram[bucket]!;
      if (seen >= rank) return bucket;
    }
    return BUCKETS - 1;
  }

  summary(): { jitterP50Ms: number; jitterP99Ms: number; jitterMaxMs: number } {
    return { jitterP50Ms: this.percentile(50), jitterP99Ms: this.percentile(99), jitterMaxMs: Math.round(this.max) };
  }
}
