/**
 * A worker thread the exchange hands CPU work to (uploads' hashing and sealing, disclosures'
 * building and encryption, the embedded database): started on first use, it keeps the process
 * alive only while it has requests to answer, and one that stops fails its own requests alone (the
 * next request starts another).
 *
 * Requests are `{ id, op, ... }` messages; the worker ({@link serveRequests}) answers each with
 * `{ id, value }` or `{ id, error }`, where an error keeps its name, message and own string and
 * number properties (a database error's `code`, `detail`, `constraint`).
 */
import { parentPort, Worker, type WorkerOptions } from "node:worker_threads";

/** An error as it crosses from the worker: name, message and its own plain properties. */
export type CarriedError = { name: string; message: string; props: Record<string, string | number> };

export type Reply = { id: number; value?: unknown; error?: CarriedError };

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
/** A started worker and the requests it has yet to answer (its own: a stopped one's fail alone). */
export type Running = { thread: Worker; waiting: Map<number, Pending> };

type WithoutId<R> = R extends unknown ? Omit<R, "id"> : never;

export class WorkerThread<Request extends { id: number; op: string }> {
  private running: Running | undefined;
  private nextId = 1;

  /**
   * @param url the worker's module
   * @param name how errors name it ("the upload worker")
   * @param revive turns a carried error back into the caller's error class (default: an Error
   *   with the carried name and properties)
   */
  constructor(
    private readonly url: URL,
    private readonly name: string,
    private readonly options: {
      workerData?: unknown;
      revive?: (error: CarriedError) => Error | undefined;
    } = {},
  ) {}

  /** The running worker, started if none is. */
  start(): Running {
    if (this.running) return this.running;
    const workerOptions: WorkerOptions = { workerData: this.options.workerData };
    const started: Running = { thread: new Worker(this.url, workerOptions), waiting: new Map() };
    const { thread, waiting } = started;
    thread.on("message", (reply: Reply) => {
      const request = waiting.get(reply.id);
      if (!request) return;
      waiting.delete(reply.id);
      if (waiting.size === 0) thread.unref();
      if (!reply.error) return request.resolve(reply.value);
      const carried = reply.error;
      request.reject(
        this.options.revive?.(carried) ??
          Object.assign(new Error(carried.message), carried.props, { name: carried.name }),
      );
    });
    // A worker that failed answers nothing more: its requests fail, and the next use starts another.
    const failed = (error: Error) => {
      if (this.running === started) this.running = undefined;
      for (const request of waiting.values()) {
        request.reject(new Error(`${this.name} stopped: ${error.message}`, { cause: error }));
      }
      waiting.clear();
    };
    thread.on("error", failed);
    thread.on("exit", (code) => failed(new Error(`exit code ${code}`)));
    // Held only while it has requests to answer (`ask`), never by being idle.
    thread.unref();
    this.running = started;
    return started;
  }

  /**
   * Sends a request (`to`: a worker started earlier that must still be running, for work that
   * spans several requests), and resolves with its answer.
   */
  ask<T>(request: WithoutId<Request>, to?: Running, transfer?: readonly ArrayBuffer[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (to && to !== this.running) return reject(new Error(`${this.name} stopped`));
      const target = to ?? this.start();
      target.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      target.thread.ref();
      target.thread.postMessage({ ...request, id }, transfer as ArrayBuffer[] | undefined);
    });
  }

  /** Stops the worker (requests in flight fail); the next request starts another. */
  async stop(): Promise<void> {
    const stopping = this.running;
    this.running = undefined;
    await stopping?.thread.terminate();
  }
}

/** The error as it crosses to the main thread. */
export function carry(error: unknown): CarriedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const props: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(e)) {
    if (typeof value === "string" || typeof value === "number") props[key] = value;
  }
  return { name: e.name, message: e.message, props };
}

/**
 * In a worker: answers each request with what `handle` returns or throws. Requests are handled as
 * they arrive (`handle` may keep its own order, as an upload's chunks do).
 */
export function serveRequests<Request extends { id: number }>(handle: (request: Request) => unknown): void {
  parentPort?.on("message", (request: Request) => {
    void (async () => handle(request))().then(
      (value) => parentPort!.postMessage({ id: request.id, value } satisfies Reply),
      (error: unknown) => parentPort!.postMessage({ id: request.id, error: carry(error) } satisfies Reply),
    );
  });
}

/** Bytes that crossed a thread (a Buffer arrives as a Uint8Array) as a Buffer over the same memory. */
export const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
