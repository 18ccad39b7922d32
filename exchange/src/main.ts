/**
 * `npm start --workspace exchange`: the exchange on 127.0.0.1:${EXCHANGE_PORT ?? 8787}, configured by
 * the environment (docs/exchange.md); stops cleanly on SIGTERM and SIGINT.
 */
import { startExchange } from "./server.ts";

try {
  const server = await startExchange();
  process.stdout.write(`OneWindow exchange listening on ${server.url} (${server.db.kind})\n`);
  const shutdown = (signal: string) => {
    process.stdout.write(`OneWindow exchange: ${signal}, stopping\n`);
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
} catch (error) {
  process.stderr.write(`OneWindow exchange failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}
