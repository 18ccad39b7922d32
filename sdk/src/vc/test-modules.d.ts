// Types of the untyped libraries the tests use to check exported credentials independently.
declare module "jsonld" {
  type RemoteDocument = { contextUrl: string | null; documentUrl: string; document: unknown };
  const jsonld: {
    expand(
      input: unknown,
      options: { documentLoader: (url: string) => Promise<RemoteDocument>; safe?: boolean },
    ): Promise<Record<string, unknown>[]>;
  };
  export default jsonld;
}

declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, unknown>;
}

declare module "@digitalbazaar/bitstring" {
  export class Bitstring {
    constructor(options: { buffer: Uint8Array; leftToRightIndexing?: boolean });
    static decodeBits(options: { encoded: string }): Promise<Uint8Array>;
    get(position: number): boolean;
  }
}
