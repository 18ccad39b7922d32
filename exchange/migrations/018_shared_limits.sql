-- Several exchange processes on one PostgreSQL behave as one (issue 17): the per-department rate
-- limit is a token bucket kept here (not in a process's memory) when the database is PostgreSQL.
-- `tokens` as of `at`; a request takes one token if, refilled up to now, the bucket holds one.
CREATE TABLE rate_buckets (
  key     text PRIMARY KEY,
  tokens  double precision NOT NULL,
  at      timestamptz NOT NULL
);
