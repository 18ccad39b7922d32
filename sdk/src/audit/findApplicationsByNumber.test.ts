import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { InvalidParameterError } from "../errors/parameter.ts";
import { applicationNumberOf } from "../utils/applicationNumber.ts";
import { createAuditClient } from "./client.ts";
import { findApplicationsByNumber } from "./findApplicationsByNumber.ts";

const ID = `0x3f2a9c01b7${"5e".repeat(27)}` as const;
const TWIN = `0x3f2a9c01b7${"77".repeat(27)}` as const;

/** A fake Ponder server: records each document and answers with `items`. */
function fakePonder(items: unknown[]) {
  const documents: string[] = [];
  const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
    documents.push((JSON.parse(String(init?.body)) as { query: string }).query);
    return new Response(
      JSON.stringify({ data: { page: { items, pageInfo: { hasNextPage: false, endCursor: null } } } }),
    );
  }) as typeof fetch;
  return { documents, client: createAuditClient({ url: "http://127.0.0.1:42069/graphql", fetch: fetchFn }) };
}

const row = (id: string, submittedAt: number) => ({
  id,
  applicant: `0x${"51".repeat(20)}`,
  matter: "7",
  matterVersion: 1,
  status: 1,
  licenceIds: [],
  uploadHashes: [],
  materialsFromChain: 0,
  materialsUploaded: 0,
  parentApplication: null,
  stepCount: 1,
  approvedSteps: 0,
  returns: 0,
  workingDaysWithApplicant: 0,
  submittedAt: String(submittedAt),
  endedAt: null,
  completedAt: null,
  workingDays: null,
  outputLicence: null,
});

describe("findApplicationsByNumber", () => {
  test("asks the indexer for ids starting with the number's 40 bits, and returns every match", async () => {
    const { documents, client } = fakePonder([row(TWIN, 20), row(ID, 10)]);
    const typed = applicationNumberOf(ID).replace(/-/g, "").toLowerCase();
    const found = await findApplicationsByNumber(client, { number: typed });
    assert.equal(found.number, applicationNumberOf(ID));
    assert.deepEqual(
      found.applications.map((a) => a.id),
      [TWIN, ID],
      "both ids share the number: the caller asks which",
    );
    assert.match(documents[0]!, /id_starts_with: "0x3f2a9c01b7"/);
  });

  test("on graph-node (Bytes ids) the prefix is a closed range", async () => {
    const documents: string[] = [];
    const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
      documents.push((JSON.parse(String(init?.body)) as { query: string }).query);
      return new Response(JSON.stringify({ data: { page: [] } }));
    }) as typeof fetch;
    const client = createAuditClient({
      url: "http://127.0.0.1:8000/subgraphs/name/x",
      dialect: "graph-node",
      fetch: fetchFn,
    });
    const found = await findApplicationsByNumber(client, { number: applicationNumberOf(ID) });
    assert.deepEqual(found.applications, []);
    assert.match(documents[0]!, new RegExp(`id_gte: "0x3f2a9c01b7${"0".repeat(54)}"`));
    assert.match(documents[0]!, new RegExp(`id_lte: "0x3f2a9c01b7${"f".repeat(54)}"`));
  });

  test("a mistyped number is refused before anything is asked", async () => {
    const { documents, client } = fakePonder([]);
    const number = applicationNumberOf(ID);
    const typo = `${number.slice(0, -1)}${number.endsWith("0") ? "1" : "0"}`;
    await assert.rejects(findApplicationsByNumber(client, { number: typo }), InvalidParameterError);
    await assert.rejects(findApplicationsByNumber(client, { number: "" }), InvalidParameterError);
    assert.equal(documents.length, 0);
  });
});
