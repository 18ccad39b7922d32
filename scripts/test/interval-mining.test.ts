/**
 * Issue 20: on a chain that mines every 2 seconds, as a Besu QBFT network does, with earlier
 * deployments on it (their demo load spent the deployer's funds before), the platform is deployed
 * with Ignition (scripts/deploy.ts), the Haidian district loaded with the SDK's `loadDistrict`
 * (through testkit's loadHaidian, as the demo seed does) and one application driven to completion.
 * Before the fix the second load timed out waiting for a funding transfer that anvil had accepted
 * and then dropped unpaid.
 */
import assert from "node:assert/strict";
import { test } from "node:test";

import { ApplicationStatus } from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { generatePrivateKey } from "viem/accounts";

import { actor, applyFor, demoKey, drive, fund, loadHaidian } from "@onewindow/testkit/demo";
import { deployOneWindow, startChain } from "@onewindow/testkit/local-chain";

test("anvil --block-time 2 with earlier deployments: deploy, load the district, one application to completion", async () => {
  const chain = await startChain("anvil", { blockTime: 2 });
  try {
    // An earlier deployment with the district loaded: the chain has history, the deployer has spent.
    const earlier = readDeployment({ file: deployOneWindow(chain) });
    await loadHaidian(actor(chain.rpcUrl, earlier, demoKey(0)), chain.rpcUrl, earlier);

    const deployment = readDeployment({ file: deployOneWindow(chain) });
    assert.notEqual(deployment.contracts.LicenceRegistry.address, earlier.contracts.LicenceRegistry.address);
    const admin = actor(chain.rpcUrl, deployment, demoKey(0));
    const district = await loadHaidian(admin, chain.rpcUrl, deployment);
    assert.ok(district.matterId("HD-GALLERY") > 0);

    const applicant = actor(chain.rpcUrl, deployment, generatePrivateKey());
    await fund(admin, [applicant.address], "10");
    const application = await applyFor({ district, applicant, matterCode: "HD-GALLERY" });
    const driven = await drive(district, application);
    assert.equal(driven.status, ApplicationStatus.Completed);
  } finally {
    await chain.stop();
  }
});
