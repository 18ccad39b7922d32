/**
 * The chain as the exchange reads it: every read of a request is made at one block, the chain's
 * head as read after the request arrived, and a read already made at that very block (same hash)
 * is reused. Nothing is kept past its block: a consent revoked, or an officer removed, in block
 * N + 1 is seen by every request that arrives once the node has N + 1.
 *
 * The head is one `eth_getBlockByNumber("latest")` shared by the requests that arrived while none
 * was on its way: a request that arrives while one is in flight (sent before it arrived, so maybe
 * older than what it must see) waits for the next one, which all such requests share. Under load
 * that is one head read per round trip to the node, whatever the number of requests.
 */
import { readContract, type OneWindowClient } from "@onewindow/sdk";
import type { Address, Hex } from "viem";

/** The block a request's reads are made at. */
export type Head = { number: bigint; hash: Hex };

export class ChainView {
  private inFlight: Promise<Head> | undefined;
  private next: Promise<Head> | undefined;
  /** The reads made at the newest block seen, by key. */
  private block: { head: Head; reads: Map<string, Promise<unknown>> } | undefined;

  constructor(readonly client: OneWindowClient) {}

  /** The chain's head, read after this call began. */
  head(): Promise<Head> {
    if (!this.inFlight) {
      this.inFlight = this.client.public
        .getBlock({ blockTag: "latest" })
        .then((block) => ({ number: block.number!, hash: block.hash! }))
        .finally(() => {
          this.inFlight = undefined;
        });
      return this.inFlight;
    }
    this.next ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.head();
      });
    return this.next;
  }

  /** `read()` made at block `head`, or the same read made at that block already. */
  at<T>(head: Head, key: string, read: () => Promise<T>): Promise<T> {
    if (!this.block || (this.block.head.hash !== head.hash && head.number >= this.block.head.number)) {
      this.block = { head, reads: new Map() };
    }
    // An older block than the newest seen (a request still in flight): read, keep nothing.
    if (this.block.head.hash !== head.hash) return read();
    const { reads } = this.block;
    let pending = reads.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      reads.set(key, pending);
      // A failed read is not kept: the next request tries again.
      pending.catch(() => {
        if (reads.get(key) === pending) reads.delete(key);
      });
    }
    return pending;
  }

  /** The department `account` is an officer of at `head`, and whether it is active (undefined: none). */
  departmentOf(head: Head, account: Address): Promise<{ departmentId: number; active: boolean } | undefined> {
    return this.at(head, `departmentOf:${account.toLowerCase()}`, async () => {
      const [departmentId, active] = await readContract(this.client, {
        contract: "DepartmentRegistry",
        functionName: "departmentOf",
        args: [account],
        blockNumber: head.number,
      });
      return departmentId === 0 ? undefined : { departmentId, active };
    });
  }

  /** The key a department's disclosures are encrypted to, at `head`. */
  encryptionKeyOf(head: Head, departmentId: number): Promise<Hex> {
    return this.at(head, `encryptionKey:${departmentId}`, async () => {
      const department = await readContract(this.client, {
        contract: "DepartmentRegistry",
        functionName: "getDepartment",
        args: [departmentId],
        blockNumber: head.number,
      });
      return department.encryptionKey;
    });
  }

  /** Whether `holder` grants the department these fields (mask) of the licence for the purpose, at `head`. */
  isGranted(head: Head, args: readonly [Address, number, Hex, bigint, Hex]): Promise<boolean> {
    return this.at(head, `isGranted:${args.join(":").toLowerCase()}`, () =>
      readContract(this.client, {
        contract: "ConsentRegistry",
        functionName: "isGranted",
        args: [...args],
        blockNumber: head.number,
      }),
    );
  }
}
