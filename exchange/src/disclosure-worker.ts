/**
 * Disclosures' CPU work, in a worker thread (started by disclosures.ts): the sealed licence file
 * opened and parsed, its fields' hashes checked and the proof of the consented ones built, and the
 * result ECIES-encrypted to the department's key. On the exchange's own thread this was about a
 * third of each disclosure's time there (the field hashes and the curve arithmetic are JavaScript);
 * here it runs on another core while that thread serves the next requests.
 *
 * Messages are `{ id, op, ... }`, answered as worker-thread.ts says.
 */
import { discloseFields, eciesEncrypt, serializeDisclosure } from "@onewindow/sdk";
import type { Hex } from "viem";

import { parseSealedLicence } from "./licence-files.ts";
import { serveRequests } from "./worker-thread.ts";

export type DisclosureRequest = {
  id: number;
  op: "disclose";
  /** The node's data key and the licence's sealed file and id (lower case). */
  dataKey: Uint8Array;
  sealed: Uint8Array;
  licenceId: string;
  fields: readonly string[];
  /** The department's registered encryption key. */
  encryptionKey: Hex;
};

// Answers with the envelope of the disclosure of `fields` (an EciesError when the department's key is not one).
serveRequests<DisclosureRequest>((request) => {
  const file = parseSealedLicence(request.dataKey, request.sealed, request.licenceId);
  const disclosure = serializeDisclosure(discloseFields(file, request.fields));
  return eciesEncrypt(request.encryptionKey, new TextEncoder().encode(disclosure));
});
