/**
 * Limits against bulk copying: a token bucket per department (requests per second, burst) for
 * disclosures and predicate queries. On PostgreSQL the buckets are rows of `rate_buckets`
 * (migration 018), so several processes sharing the database share one limit; on embedded PGlite
 * (one process only) they are in this process's memory. The daily quota is counted in the
 * database (see `quota_usage`), and so are the upload quotas (store/uploads.ts).
 */
import type { Db } from "./db/index.ts";

export type RateLimit = {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: requests allowed at once. */
  burst: number;
};

/** Per-account upload quota: documents and bytes an account may keep stored. */
export type UploadQuota = {
  /** Most documents stored per account (default 1,000). */
  count: number;
  /** Most bytes stored per account (default 1 GiB). */
  bytes: number;
};

/** Takes one token for `key`: `0` if granted, else the seconds until one is available. */
export interface RateLimiter {
  take(key: string): Promise<number>;
}

/** Per-key token buckets in this process's memory. */
export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`: `0` if granted, else the seconds until one is available. */
  takeNow(key: string): number {
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

  take(key: string): Promise<number> {
    return Promise.resolve(this.takeNow(key));
  }
}

/** Per-key token buckets in PostgreSQL (`rate_buckets`): one statement per take, atomic under concurrency. */
export class DatabaseBuckets implements RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly limit: RateLimit,
  ) {}

  async take(key: string): Promise<number> {
    const refilled = `least($2::float8, b.tokens + extract(epoch FROM clock_timestamp() - b.at)::float8 * $3::float8)`;
    // The bucket refilled up to now gives a token if it holds one (the row locked meanwhile);
    // otherwise nothing is written and no row comes back.
    const taken = await this.db.query(
      `INSERT INTO rate_buckets AS b (key, tokens, at) VALUES ($1, $2::float8 - 1, clock_timestamp())
       ON CONFLICT (key) DO UPDATE SET tokens = ${refilled} - 1, at = clock_timestamp()
       WHERE ${refilled} >= 1
       RETURNING tokens`,
      [key, this.limit.burst, this.limit.perSecond],
    );
    if (taken.length > 0) return 0;
    const rows = await this.db.query<{ tokens: number }>(
      `SELECT ${refilled} AS tokens FROM rate_buckets AS b WHERE key = $1`,
      [key, this.limit.burst, this.limit.perSecond],
    );
    return Math.max(0.001, (1 - Number(rows[0]?.tokens ?? 0)) / this.limit.perSecond);
  }
}

/** The rate limiter for `db`: in PostgreSQL when it is one, else in memory. */
export const rateLimiterFor = (db: Db, limit: RateLimit): RateLimiter =>
  db.kind === "postgres" ? new DatabaseBuckets(db, limit) : new TokenBuckets(limit);
