/** A token bucket: `perSecond` sustained, bursts of up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }

  /** Takes one token if there is one. */
  take(now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  isFull(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }
}

/** One bucket per key (a customer, say); a key whose bucket has filled up again is forgotten. */
export function keyedBuckets(options: { perSecond: number; burst: number }) {
  const buckets = new Map<string, TokenBucket>();
  let sweptAt = Date.now();
  return {
    take(key: string): boolean {
      const now = Date.now();
      if (now - sweptAt > 60_000) {
        for (const [k, bucket] of buckets) if (bucket.isFull(now)) buckets.delete(k);
        sweptAt = now;
      }
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = new TokenBucket(options.perSecond, options.burst, now)));
      return bucket.take(now);
    },
  };
}
