/**
 * `npm start --workspace exchange [-- --workers N]`: the exchange on 127.0.0.1:${EXCHANGE_PORT ?? 8787},
 * configured by the environment (docs/exchange.md); stops cleanly on SIGTERM and SIGINT.
 *
 * `--workers N` (or EXCHANGE_WORKERS=N): N exchange processes behind the one port (node:cluster;
 * the first process hands the connections out in turn). They need a PostgreSQL database
 * (DATABASE_URL), where everything they must agree on is kept: sessions, nonces, rate limits,
 * quotas; and one data folder (data key, uploaded documents). The first process brings the
 * schema up to date before starting them, and restarts one that dies.
 */
import cluster from "node:cluster";
import path from "node:path";
import { parseArgs } from "node:util";

import { openDatabase } from "./db/index.ts";
import { configFromEnv, startExchange } from "./server.ts";

function workersWanted(): number {
  const { values } = parseArgs({ options: { workers: { type: "string" } }, strict: false });
  const raw = (values.workers as string | undefined) ?? process.env.EXCHANGE_WORKERS ?? "1";
  const workers = Number(raw);
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new Error(
      `--workers must be a whole number ≥ 1, not "${raw}" / --workers 须为不小于 1 的整数，而不是 "${raw}"`,
    );
  }
  return workers;
}

/** The first process of `--workers N`: migrates, forks N workers on the one port, stops them on a signal. */
async function primary(workers: number): Promise<void> {
  const settings = configFromEnv();
  if (!settings.databaseUrl) {
    throw new Error(
      "--workers needs a PostgreSQL database (DATABASE_URL): embedded PGlite belongs to one process / 多进程（--workers）须使用 PostgreSQL 数据库（DATABASE_URL）：内嵌的 PGlite 只能由一个进程使用",
    );
  }
  // The schema once, before the workers start (each would otherwise race to apply it).
  await (
    await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: path.join(settings.dataDir, "pgdata") })
  ).close();
  let stopping = false;
  let url: string | undefined;
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    listening += 1;
    url ??= `http://127.0.0.1:${address.port}`;
    if (listening === workers)
      process.stdout.write(`OneWindow exchange listening on ${url} (postgres, ${workers} workers)\n`);
  });
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    process.stderr.write(`OneWindow exchange: worker ${worker.process.pid} exited (${code}), starting another\n`);
    cluster.fork();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  const shutdown = (signal: string) => {
    stopping = true;
    process.stdout.write(`OneWindow exchange: ${signal}, stopping ${workers} workers\n`);
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    let failed = false;
    Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once("exit", (code) => {
              if (code !== 0) failed = true;
              resolve();
            });
            w.process.kill("SIGTERM");
          }),
      ),
    ).then(() => process.exit(failed ? 1 : 0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

/** One exchange process (alone, or a worker of `--workers N`). */
async function single(announce: boolean): Promise<void> {
  const server = await startExchange();
  if (announce) process.stdout.write(`OneWindow exchange listening on ${server.url} (${server.db.kind})\n`);
  const shutdown = (signal: string) => {
    if (announce) process.stdout.write(`OneWindow exchange: ${signal}, stopping\n`);
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

try {
  if (cluster.isWorker) await single(false);
  else {
    const workers = workersWanted();
    await (workers > 1 ? primary(workers) : single(true));
  }
} catch (error) {
  process.stderr.write(`OneWindow exchange failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}
