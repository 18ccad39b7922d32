// Types of the untyped library the tests use to read the W3C status lists independently.
declare module "@digitalbazaar/bitstring" {
  export class Bitstring {
    constructor(options: { buffer: Uint8Array; leftToRightIndexing?: boolean });
    static decodeBits(options: { encoded: string }): Promise<Uint8Array>;
    get(position: number): boolean;
  }
}
