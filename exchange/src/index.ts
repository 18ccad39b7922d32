export {
  createExchange,
  type CreateExchangeParameters,
  type ExchangeApp,
  type ExchangeAppType,
  type ExchangeConfig,
} from "./app.ts";
export { inRange } from "./routes/predicates.ts";
export { ApiError, Errors, type ErrorBody, type Messages } from "./errors.ts";
export {
  openDatabase,
  openPglite,
  openPostgres,
  migrate,
  MIGRATIONS_DIR,
  type Db,
  type Queryable,
} from "./db/index.ts";
export { loadDataKey, seal, open, SealBrokenError } from "./sealed.ts";
export { DatabaseBuckets, TokenBuckets, type RateLimit, type RateLimiter, type UploadQuota } from "./limits.ts";
export { configFromEnv, startExchange, type ExchangeServer, type StartExchangeOptions } from "./server.ts";
