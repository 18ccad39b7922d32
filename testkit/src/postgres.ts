/**
 * A throwaway PostgreSQL server for tests and benchmarks: a fresh cluster in a temporary folder,
 * listening on a free loopback port, trust authentication, removed when stopped. Uses the Debian
 * packages' binaries (/usr/lib/postgresql/<version>/bin, or $PG_BIN); `.ci/run` installs them.
 * As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort, HOST } from "./local-chain.ts";

/** A running throwaway PostgreSQL server. */
export type Postgres = { url: string; stop: () => Promise<void> };

/** The folder of PostgreSQL's server binaries, or undefined if none is installed. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "postgres")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], "bin");
}

/** Starts a fresh PostgreSQL server; `url` names its database `onewindow`. */
export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN)");
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "onewindow-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const run = (command: string, args: string[]) =>
    asRoot ? (["runuser", ["-u", "postgres", "--", command, ...args]] as const) : ([command, args] as const);

  const [initCommand, initArgs] = run(path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "onewindow",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  const init = spawnSync(initCommand, [...initArgs], { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);

  const port = await freePort();
  const [command, args] = run(path.join(bin, "postgres"), [
    ...["-D", data, "-p", String(port), "-h", HOST, "-k", dir],
    ...["-c", "fsync=on", "-c", "max_connections=50"],
  ]);
  const server: ChildProcess = spawn(command, [...args], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let log = "";
  server.stderr!.on("data", (chunk: Buffer) => (log += chunk));

  const ready = () =>
    spawnSync(path.join(bin, "pg_isready"), ["-h", HOST, "-p", String(port), "-U", "onewindow"]).status === 0;
  const deadline = Date.now() + 30_000;
  while (!ready()) {
    if (Date.now() > deadline || server.exitCode !== null) {
      server.kill("SIGKILL");
      throw new Error(`PostgreSQL did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const created = spawnSync(
    path.join(bin, "createdb"),
    ["-h", HOST, "-p", String(port), "-U", "onewindow", "onewindow"],
    {
      encoding: "utf8",
    },
  );
  if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);

  return {
    url: `postgres://onewindow@${HOST}:${port}/onewindow`,
    stop: async () => {
      try {
        process.kill(-server.pid!, "SIGINT"); // fast shutdown
      } catch {
        // already gone
      }
      const until = Date.now() + 10_000;
      while (server.exitCode === null && server.signalCode === null && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
      }
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
