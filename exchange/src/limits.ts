/**
 * Limits against bulk copying: a token bucket per department (requests per second, burst) for
 * disclosures and predicate queries, in memory of this process. The daily quota is counted in
 * the database (see `quota_usage`), so it holds across restarts and across processes sharing a
 * PostgreSQL database.
 */

export type RateLimit = {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: requests allowed at once. */
  burst: number;
};

/** Per-key token buckets. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`: `0` if granted, else the seconds until one is available. */
  take(key: string): number {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.limit.perSecond;
  }
}
