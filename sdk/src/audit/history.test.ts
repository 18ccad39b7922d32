import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { createAuditClient } from "./client.ts";
import { getApplicantHistory } from "./getApplicantHistory.ts";
import { getPendingOutputLicence, pendingOutputLicenceOf } from "./getPendingOutputLicence.ts";
import { listDocument } from "./query.ts";

const A = `0x${"a1".repeat(32)}` as const;
const B = `0x${"b2".repeat(32)}` as const;
const ZERO = `0x${"00".repeat(32)}` as const;
const LICENCE = `0x${"0f".repeat(32)}` as const;
const APPLICANT = `0x${"51".repeat(20)}` as const;

/** A fake Ponder server: records each document and answers by the list it asks for. */
function fakePonder(answers: Record<string, unknown[]>) {
  const documents: string[] = [];
  const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
    const document = (JSON.parse(String(init?.body)) as { query: string }).query;
    documents.push(document);
    const plural = /page: (\w+)\(/.exec(document)![1]!;
    const items = answers[plural] ?? [];
    return new Response(
      JSON.stringify({ data: { page: { items, pageInfo: { hasNextPage: false, endCursor: null } } } }),
    );
  }) as typeof fetch;
  return { documents, client: createAuditClient({ url: "http://127.0.0.1:42069/graphql", fetch: fetchFn }) };
}

const meta = (block: number, logIndex = 0) => ({
  id: `0x${block}${logIndex}`,
  blockNumber: String(block),
  timestamp: String(1000 + block),
  transactionHash: `0x${block}`,
  logIndex,
});

describe("pending output licence", () => {
  test("is what the first vote of the latest round named", () => {
    assert.equal(
      pendingOutputLicenceOf([
        { round: 0, outputLicence: B },
        { round: 1, outputLicence: null },
        { round: 1, outputLicence: LICENCE },
        { round: 1, outputLicence: ZERO },
      ]),
      LICENCE,
    );
    assert.equal(pendingOutputLicenceOf([{ round: 0, outputLicence: ZERO }]), undefined);
    assert.equal(pendingOutputLicenceOf([]), undefined);
  });

  test("is read from the step's indexed votes in chain order", async () => {
    const vote = (block: number, round: number, outputLicence: string | null) => ({
      ...meta(block),
      step: `${A}-5`,
      stepIndex: 5,
      officer: APPLICANT,
      outcome: 1,
      reason: 0,
      round,
      signed: false,
      outputLicence,
    });
    const { documents, client } = fakePonder({ votes: [vote(9, 1, LICENCE), vote(3, 0, B), vote(10, 1, null)] });
    assert.equal(await getPendingOutputLicence(client, { applicationId: A, step: 5 }), LICENCE);
    assert.match(documents[0]!, new RegExp(`where: \\{ application: "${A}", stepIndex: 5 \\}`));
  });
});

describe("applicant history", () => {
  test("lists are filtered with _in over the applicant's applications", () => {
    assert.equal(
      listDocument(
        "graph-node",
        { plural: "decisions", fields: { id: "s" }, where: { application_in: [A, B], outcome: 1 }, orderBy: "id" },
        { size: 10 },
      ),
      `query { page: decisions(where: { application_in: ["${A}", "${B}"], outcome: 1 }, orderBy: id, orderDirection: asc, first: 10, skip: 0) { id } }`,
    );
  });

  test("reads the applicant's applications, their events and approvals, and the offers to them", async () => {
    const application = {
      id: A,
      applicant: APPLICANT,
      matter: "12",
      matterVersion: 1,
      status: 3,
      licenceIds: [],
      uploadHashes: [],
      materialsFromChain: 0,
      materialsUploaded: 0,
      parentApplication: null,
      stepCount: 1,
      approvedSteps: 1,
      returns: 0,
      workingDaysWithApplicant: 0,
      submittedAt: "1",
      endedAt: "2",
      completedAt: "2",
      workingDays: 1,
      outputLicence: LICENCE,
    };
    const { documents, client } = fakePonder({
      applications: [application],
      applicationEvents: [
        { ...meta(4), application: A, kind: "Completed", step: null, reason: 0, workingDaysWithApplicant: 0 },
        { ...meta(1), application: A, kind: "Submitted", step: null, reason: 0, workingDaysWithApplicant: 0 },
      ],
      decisions: [],
      linkedApplications: [
        {
          id: `${A}-13`,
          parentApplication: A,
          matter: "13",
          holder: APPLICANT,
          mode: 0,
          offeredAt: "5",
          application: null,
          startedAt: null,
        },
      ],
    });
    const history = await getApplicantHistory(client, { applicant: APPLICANT });
    assert.deepEqual(
      history.events.map((e) => e.kind),
      ["Submitted", "Completed"],
    );
    assert.equal(history.applications[0]!.outputLicence, LICENCE);
    assert.equal(history.linkedOffers[0]!.offeredAt, 5n);
    assert.ok(documents.some((d) => d.includes(`applications(where: { applicant: "${APPLICANT}" }`)));
    assert.ok(documents.some((d) => d.includes(`decisions(where: { application_in: ["${A}"], outcome: 1 }`)));
  });
});
