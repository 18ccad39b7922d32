import { anyUint } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";

import { ERC1271WalletMock__factory } from "../types/ethers-contracts/index.ts";
import { CONSENT_TYPE, CONSENT_TYPES, consentDomain, delegatedConsent, type ConsentData } from "./helpers/eip712.ts";
import { ethers, loadFixture, platformWithDepartments, time, type Signer } from "./helpers/fixture.ts";

const HOUR = 3_600;
const DAY = 86_400;

const LICENCE = ethers.id("test licence 1");
const OTHER_LICENCE = ethers.id("test licence 2");
const PURPOSE = ethers.id("application 1");
const OTHER_PURPOSE = ethers.id("application 2");
/** Fields 0, 1 and 3 of the licence type (holder, unifiedSocialCreditCode, legalRepresentative). */
const MASK = 0b1011n;

/**
 * The shared platform fixture, consent data valid for a day and a signature deadline in an hour.
 * Built on top of `platformWithDepartments` rather than as a fixture of its own, so that test files
 * share one snapshot instead of redeploying whenever fixtures alternate.
 */
async function setup() {
  const platform = await loadFixture(platformWithDepartments);
  const now = await time.latest();
  const data: ConsentData = {
    departmentId: 1,
    licenceId: LICENCE,
    fieldMask: MASK,
    purpose: PURPOSE,
    expiresAt: now + DAY,
  };
  return { ...platform, data, deadline: now + HOUR };
}

/** A contract wallet (EIP-1271) that accepts signatures of `owner`. */
async function deployWallet(deployer: Signer, owner: Signer) {
  const wallet = await new ERC1271WalletMock__factory(deployer).deploy(owner.address);
  return { wallet, walletAddress: await wallet.getAddress() };
}

type Fixture = Awaited<ReturnType<typeof setup>>;

/** One way of granting a consent: `send` grants it, `call` returns the id `send` would return. */
interface EntryPath {
  name: string;
  send(f: Fixture, holder: Signer, data: ConsentData): Promise<ContractTransactionResponse>;
  call(f: Fixture, holder: Signer, data: ConsentData): Promise<string>;
}

const ENTRY_PATHS: EntryPath[] = [
  {
    name: "direct",
    send: (f, holder, data) => f.consents.connect(holder).grant(data),
    call: (f, holder, data) => f.consents.connect(holder).grant.staticCall(data),
  },
  {
    name: "signed",
    send: async (f, holder, data) =>
      f.consents
        .connect(f.other)
        .grantBySig(await delegatedConsent(f.consents, holder, data, { deadline: f.deadline })),
    call: async (f, holder, data) =>
      f.consents
        .connect(f.other)
        .grantBySig.staticCall(await delegatedConsent(f.consents, holder, data, { deadline: f.deadline })),
  },
];

describe("ConsentRegistry", function () {
  for (const path of ENTRY_PATHS) {
    describe(`grant (${path.name})`, function () {
      it("emits ConsentGranted with the whole record, returns the id and stores the consent", async function () {
        const f = await setup();
        const { consents, holder, data } = f;
        const id = await consents.consentId(holder.address, 1, LICENCE, PURPOSE);
        expect(id).to.equal(
          ethers.keccak256(
            ethers.AbiCoder.defaultAbiCoder().encode(
              ["address", "uint32", "bytes32", "bytes32"],
              [holder.address, 1, LICENCE, PURPOSE],
            ),
          ),
        );
        expect(await path.call(f, holder, data)).to.equal(id);

        const grantedAt = (await time.latest()) + 10;
        await time.setNextBlockTimestamp(grantedAt);
        await expect(path.send(f, holder, data))
          .to.emit(consents, "ConsentGranted")
          .withArgs(id, holder.address, 1, LICENCE, MASK, PURPOSE, grantedAt, data.expiresAt);

        const consent = await consents.getConsent(id);
        expect(consent.fieldMask).to.equal(MASK);
        expect(consent.grantedAt).to.equal(grantedAt);
        expect(consent.expiresAt).to.equal(data.expiresAt);
        expect(consent.revoked).to.equal(false);
      });

      it("grants the mask and any subset of it, nothing more and nothing else", async function () {
        const f = await setup();
        const { consents, holder, other, data } = f;
        await path.send(f, holder, data);

        for (const mask of [MASK, 0b1n, 0b10n, 0b1000n, 0b11n, 0b1010n]) {
          expect(await consents.isGranted(holder.address, 1, LICENCE, mask, PURPOSE), `mask ${mask}`).to.equal(true);
        }
        for (const mask of [0b1111n, 0b100n, 0b10000n, 2n ** 127n]) {
          expect(await consents.isGranted(holder.address, 1, LICENCE, mask, PURPOSE), `mask ${mask}`).to.equal(false);
        }
        expect(await consents.isGranted(holder.address, 2, LICENCE, MASK, PURPOSE)).to.equal(false);
        expect(await consents.isGranted(holder.address, 1, OTHER_LICENCE, MASK, PURPOSE)).to.equal(false);
        expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, OTHER_PURPOSE)).to.equal(false);
        expect(await consents.isGranted(other.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
        expect(await consents.isGranted(holder.address, 1, LICENCE, 0n, PURPOSE)).to.equal(false);
      });

      it("replaces the consent when granted again", async function () {
        const f = await setup();
        const { consents, holder, data } = f;
        await path.send(f, holder, data);
        const id = await consents.consentId(holder.address, 1, LICENCE, PURPOSE);

        const again = { ...data, fieldMask: 0b100n, expiresAt: BigInt(data.expiresAt) + BigInt(DAY) };
        const grantedAt = (await time.latest()) + 10;
        await time.setNextBlockTimestamp(grantedAt);
        await expect(path.send(f, holder, again))
          .to.emit(consents, "ConsentGranted")
          .withArgs(id, holder.address, 1, LICENCE, 0b100n, PURPOSE, grantedAt, again.expiresAt);

        const consent = await consents.getConsent(id);
        expect(consent.fieldMask).to.equal(0b100n);
        expect(consent.grantedAt).to.equal(grantedAt);
        expect(consent.expiresAt).to.equal(again.expiresAt);
        expect(await consents.isGranted(holder.address, 1, LICENCE, 0b100n, PURPOSE)).to.equal(true);
        expect(await consents.isGranted(holder.address, 1, LICENCE, 0b1n, PURPOSE)).to.equal(false);
      });

      it("grants again after a revoke", async function () {
        const f = await setup();
        const { consents, holder, data } = f;
        await path.send(f, holder, data);
        await consents.connect(holder).revoke(1, LICENCE, PURPOSE);
        await path.send(f, holder, data);

        const consent = await consents.getConsent(await consents.consentId(holder.address, 1, LICENCE, PURPOSE));
        expect(consent.revoked).to.equal(false);
        expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(true);
      });

      it("is no longer granted at and after expiresAt", async function () {
        const f = await setup();
        const { consents, holder, data } = f;
        await path.send(f, holder, data);
        const expiresAt = Number(data.expiresAt);

        await time.increaseTo(expiresAt - 1);
        expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(true);
        await time.increaseTo(expiresAt);
        expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
        await time.increaseTo(expiresAt + DAY);
        expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
      });

      it("is no longer granted once the holder revokes it", async function () {
        const f = await setup();
        const { consents, holder, data } = f;
        await path.send(f, holder, data);
        const id = await consents.consentId(holder.address, 1, LICENCE, PURPOSE);
        expect(await consents.connect(holder).revoke.staticCall(1, LICENCE, PURPOSE)).to.equal(id);

        const revokedAt = (await time.latest()) + 10;
        await time.setNextBlockTimestamp(revokedAt);
        await expect(consents.connect(holder).revoke(1, LICENCE, PURPOSE))
          .to.emit(consents, "ConsentRevoked")
          .withArgs(id, holder.address, 1, revokedAt);

        expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
        const consent = await consents.getConsent(id);
        expect(consent.revoked).to.equal(true);
        expect(consent.fieldMask).to.equal(MASK);
      });

      it("reverts when the licence id is zero", async function () {
        const f = await setup();
        await expect(path.send(f, f.holder, { ...f.data, licenceId: ethers.ZeroHash })).to.be.revertedWithCustomError(
          f.consents,
          "ConsentRegistryZeroLicence",
        );
      });

      it("reverts when the field mask is empty", async function () {
        const f = await setup();
        await expect(path.send(f, f.holder, { ...f.data, fieldMask: 0n })).to.be.revertedWithCustomError(
          f.consents,
          "ConsentRegistryEmptyFieldMask",
        );
      });

      it("reverts when the expiry is in the past", async function () {
        const f = await setup();
        const expiresAt = (await time.latest()) - 1;
        await expect(path.send(f, f.holder, { ...f.data, expiresAt }))
          .to.be.revertedWithCustomError(f.consents, "ConsentRegistryInvalidExpiry")
          .withArgs(expiresAt);
      });

      it("reverts when the expiry is now", async function () {
        const f = await setup();
        const now = (await time.latest()) + 10;
        await time.setNextBlockTimestamp(now);
        await expect(path.send(f, f.holder, { ...f.data, expiresAt: now }))
          .to.be.revertedWithCustomError(f.consents, "ConsentRegistryInvalidExpiry")
          .withArgs(now);
      });
    });
  }

  describe("grantBySig", function () {
    it("uses the holder's nonces in turn", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      expect(await consents.nonces(holder.address)).to.equal(0n);
      await consents.connect(other).grantBySig(await delegatedConsent(consents, holder, data, { deadline }));
      expect(await consents.nonces(holder.address)).to.equal(1n);
      await consents
        .connect(other)
        .grantBySig(await delegatedConsent(consents, holder, { ...data, purpose: OTHER_PURPOSE }, { deadline }));
      expect(await consents.nonces(holder.address)).to.equal(2n);
      expect(await consents.nonces(other.address)).to.equal(0n);
    });

    it("accepts a signature on its deadline", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      const request = await delegatedConsent(consents, holder, data, { deadline });
      await time.setNextBlockTimestamp(deadline);
      await expect(consents.connect(other).grantBySig(request)).to.emit(consents, "ConsentGranted");
    });

    it("reverts when the deadline has passed", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      const request = await delegatedConsent(consents, holder, data, { deadline });
      await time.setNextBlockTimestamp(deadline + 1);
      await expect(consents.connect(other).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryExpiredSignature")
        .withArgs(deadline);
    });

    it("reverts when a signature is replayed", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      const request = await delegatedConsent(consents, holder, data, { deadline });
      await consents.connect(other).grantBySig(request);
      await expect(consents.connect(other).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
      await expect(consents.connect(holder).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
    });

    it("reverts when someone other than the holder signed", async function () {
      const { consents, holder, outsider, other, data, deadline } = await setup();
      const request = await delegatedConsent(consents, outsider, data, { holder: holder.address, deadline });
      await expect(consents.connect(other).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
    });

    it("reverts when the signature is for another chain", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      const { chainId } = await ethers.provider.getNetwork();
      const request = await delegatedConsent(consents, holder, data, { deadline, domain: { chainId: chainId + 1n } });
      await expect(consents.connect(other).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
    });

    it("reverts when the signature is for another contract", async function () {
      const { consents, restrictions, holder, other, data, deadline } = await setup();
      const request = await delegatedConsent(consents, holder, data, {
        deadline,
        domain: { verifyingContract: await restrictions.getAddress() },
      });
      await expect(consents.connect(other).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
    });

    it("reverts when the signature is for another nonce", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      const request = await delegatedConsent(consents, holder, data, { deadline, nonce: 1n });
      await expect(consents.connect(other).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
    });

    it("reverts when the data, holder or deadline were altered after signing", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      const request = await delegatedConsent(consents, holder, data, { deadline });
      const altered = [
        { ...request, data: { ...data, fieldMask: 0b1111n } },
        { ...request, data: { ...data, departmentId: 2 } },
        { ...request, data: { ...data, licenceId: OTHER_LICENCE } },
        { ...request, data: { ...data, purpose: OTHER_PURPOSE } },
        { ...request, data: { ...data, expiresAt: BigInt(data.expiresAt) + 1n } },
        { ...request, deadline: deadline + 1 },
        { ...request, holder: other.address },
      ];
      for (const [i, request_] of altered.entries()) {
        await expect(consents.connect(other).grantBySig(request_), `alteration ${i}`)
          .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
          .withArgs(request_.holder);
      }
      await expect(consents.connect(other).grantBySig(request)).to.emit(consents, "ConsentGranted");
    });
  });

  describe("EIP-1271 contract wallet", function () {
    it("grants for a wallet whose owner signed", async function () {
      const { consents, deployer, holder, other, data, deadline } = await setup();
      const { walletAddress } = await deployWallet(deployer, holder);
      const request = await delegatedConsent(consents, holder, data, { holder: walletAddress, deadline });
      const id = await consents.consentId(walletAddress, 1, LICENCE, PURPOSE);

      const grantedAt = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(grantedAt);
      await expect(consents.connect(other).grantBySig(request))
        .to.emit(consents, "ConsentGranted")
        .withArgs(id, walletAddress, 1, LICENCE, MASK, PURPOSE, grantedAt, data.expiresAt);
      expect(await consents.isGranted(walletAddress, 1, LICENCE, MASK, PURPOSE)).to.equal(true);
      expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
      expect(await consents.nonces(walletAddress)).to.equal(1n);
    });

    it("reverts when someone other than the wallet's owner signed", async function () {
      const { consents, deployer, holder, outsider, other, data, deadline } = await setup();
      const { walletAddress } = await deployWallet(deployer, holder);
      const request = await delegatedConsent(consents, outsider, data, { holder: walletAddress, deadline });
      await expect(consents.connect(other).grantBySig(request))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(walletAddress);
    });
  });

  describe("getters", function () {
    it("returns the EIP-712 domain separator", async function () {
      const { consents } = await setup();
      const domain = await consentDomain(consents);
      expect(await consents.domainSeparator()).to.equal(ethers.TypedDataEncoder.hashDomain(domain));
      const eip712Domain = await consents.eip712Domain();
      expect(eip712Domain.name).to.equal(domain.name);
      expect(eip712Domain.version).to.equal(domain.version);
      expect(eip712Domain.chainId).to.equal(domain.chainId);
      expect(eip712Domain.verifyingContract).to.equal(domain.verifyingContract);
    });

    it("returns the Consent typehash", async function () {
      const { consents } = await setup();
      expect(await consents.consentTypehash()).to.equal(ethers.id(CONSENT_TYPE));
      expect(ethers.TypedDataEncoder.from(CONSENT_TYPES).encodeType("Consent")).to.equal(CONSENT_TYPE);
    });

    it("returns version 1", async function () {
      const { consents } = await setup();
      expect(await consents.version()).to.equal("1");
    });

    it("returns a zero consent for an unknown id", async function () {
      const { consents, holder } = await setup();
      const consent = await consents.getConsent(await consents.consentId(holder.address, 1, LICENCE, PURPOSE));
      expect(consent.grantedAt).to.equal(0n);
      expect(consent.fieldMask).to.equal(0n);
    });
  });

  describe("revoke", function () {
    it("reverts when the caller holds no such consent, and leaves the holder's consent granted", async function () {
      const { consents, holder, outsider, data } = await setup();
      await consents.connect(holder).grant(data);
      const outsidersId = await consents.consentId(outsider.address, 1, LICENCE, PURPOSE);

      await expect(consents.connect(outsider).revoke(1, LICENCE, PURPOSE))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryUnknownConsent")
        .withArgs(outsidersId);
      expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(true);
    });

    it("reverts when the consent was never granted", async function () {
      const { consents, holder } = await setup();
      await expect(consents.connect(holder).revoke(1, LICENCE, PURPOSE))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryUnknownConsent")
        .withArgs(await consents.consentId(holder.address, 1, LICENCE, PURPOSE));
    });

    it("voids a signed grant still in flight: it cannot be submitted after the revoke", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      await consents.connect(holder).grant(data);
      const inFlight = await delegatedConsent(consents, holder, data, { deadline });
      const nonce = await consents.nonces(holder.address);
      await expect(consents.connect(holder).revoke(1, LICENCE, PURPOSE))
        .to.emit(consents, "ConsentNonceUsed")
        .withArgs(holder.address, nonce);
      await expect(consents.connect(other).grantBySig(inFlight))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
      expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
    });

    it("cancelSignatures voids every signed grant not yet submitted", async function () {
      const { consents, holder, other, data, deadline } = await setup();
      const inFlight = await delegatedConsent(consents, holder, data, { deadline });
      await expect(consents.connect(holder).cancelSignatures())
        .to.emit(consents, "ConsentNonceUsed")
        .withArgs(holder.address, 0);
      expect(await consents.nonces(holder.address)).to.equal(1n);
      await expect(consents.connect(other).grantBySig(inFlight))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryInvalidSignature")
        .withArgs(holder.address);
      expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
    });

    it("reverts when the consent is already revoked", async function () {
      const { consents, holder, data } = await setup();
      await consents.connect(holder).grant(data);
      await consents.connect(holder).revoke(1, LICENCE, PURPOSE);
      await expect(consents.connect(holder).revoke(1, LICENCE, PURPOSE))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryUnknownConsent")
        .withArgs(await consents.consentId(holder.address, 1, LICENCE, PURPOSE));
    });
  });

  describe("multicall (all of an application's consents in one transaction)", function () {
    it("grants several consents for the caller in one transaction", async function () {
      const { consents, holder, data } = await setup();
      const second = { ...data, departmentId: 2, licenceId: OTHER_LICENCE, fieldMask: 0b110n };
      const calls = [data, second].map((d) => consents.interface.encodeFunctionData("grant", [d]));
      const tx = consents.connect(holder).multicall(calls);
      await expect(tx)
        .to.emit(consents, "ConsentGranted")
        .withArgs(
          await consents.consentId(holder.address, 1, LICENCE, PURPOSE),
          holder.address,
          1,
          LICENCE,
          MASK,
          PURPOSE,
          anyUint,
          data.expiresAt,
        );
      await expect(tx)
        .to.emit(consents, "ConsentGranted")
        .withArgs(
          await consents.consentId(holder.address, 2, OTHER_LICENCE, PURPOSE),
          holder.address,
          2,
          OTHER_LICENCE,
          0b110n,
          PURPOSE,
          anyUint,
          data.expiresAt,
        );
      expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(true);
      expect(await consents.isGranted(holder.address, 2, OTHER_LICENCE, 0b110n, PURPOSE)).to.equal(true);
    });

    it("grants nothing when one of the calls reverts", async function () {
      const { consents, holder, data } = await setup();
      const calls = [data, { ...data, departmentId: 2, fieldMask: 0n }].map((d) =>
        consents.interface.encodeFunctionData("grant", [d]),
      );
      await expect(consents.connect(holder).multicall(calls)).to.be.revertedWithCustomError(
        consents,
        "ConsentRegistryEmptyFieldMask",
      );
      expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(false);
    });

    it("cannot revoke another holder's consent or upgrade for an unauthorized caller", async function () {
      const { consents, holder, outsider, data } = await setup();
      await consents.connect(holder).grant(data);
      const revoke = consents.interface.encodeFunctionData("revoke", [1, LICENCE, PURPOSE]);
      await expect(consents.connect(outsider).multicall([revoke]))
        .to.be.revertedWithCustomError(consents, "ConsentRegistryUnknownConsent")
        .withArgs(await consents.consentId(outsider.address, 1, LICENCE, PURPOSE));
      expect(await consents.isGranted(holder.address, 1, LICENCE, MASK, PURPOSE)).to.equal(true);

      const implementation = await ethers.deployContract("ConsentRegistry");
      const upgrade = consents.interface.encodeFunctionData("upgradeToAndCall", [
        await implementation.getAddress(),
        "0x",
      ]);
      await expect(consents.connect(outsider).multicall([upgrade]))
        .to.be.revertedWithCustomError(consents, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
    });
  });

  describe("upgrades", function () {
    it("reverts when someone without the UPGRADER role upgrades", async function () {
      const { consents, outsider } = await setup();
      const implementation = await ethers.deployContract("ConsentRegistry");
      await expect(consents.connect(outsider).upgradeToAndCall(await implementation.getAddress(), "0x"))
        .to.be.revertedWithCustomError(consents, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
    });
  });
});
