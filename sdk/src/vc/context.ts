/**
 * The platform's JSON-LD context for exported W3C credentials (`contexts/onewindow-credentials-v1.jsonld`,
 * committed beside this file and served by the exchange at {@link ONEWINDOW_CONTEXT_PATH}). A
 * unit test keeps this constant and the file equal.
 */

/** Path of the context under the platform's public URL. */
export const ONEWINDOW_CONTEXT_PATH = "/contexts/onewindow/credentials/v1";

/** The W3C VC Data Model 2.0 base context. */
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/** The context's URL for a platform at `baseUrl` (e.g. `https://exchange.haidian.gov.cn`). */
export function onewindowContextUrl(baseUrl: string): string {
  return `${trimSlash(baseUrl)}${ONEWINDOW_CONTEXT_PATH}`;
}

/** `baseUrl` without trailing slashes. */
export function trimSlash(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}

/** The context document. */
export const ONEWINDOW_CONTEXT = {
  "@context": {
    "@version": 1.1,
    "@protected": true,
    ow: "urn:onewindow:credentials:v1#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
    OneWindowLicence: "ow:OneWindowLicence",
    licence: {
      "@id": "ow:licence",
      "@context": {
        "@version": 1.1,
        "@protected": true,
        id: "@id",
        type: "@type",
        licenceId: "ow:licenceId",
        chainId: { "@id": "ow:chainId", "@type": "xsd:integer" },
        registry: "ow:registry",
        typeId: { "@id": "ow:typeId", "@type": "xsd:integer" },
        typeVersion: { "@id": "ow:typeVersion", "@type": "xsd:integer" },
        typeName: "ow:typeName",
        issuerDepartment: { "@id": "ow:issuerDepartment", "@type": "xsd:integer" },
        issuerDepartmentName: "ow:issuerDepartmentName",
        batchRoot: "ow:batchRoot",
      },
    },
    fields: {
      "@id": "ow:fields",
      "@context": {
        "@version": 1.1,
        "@vocab": "urn:onewindow:credentials:v1:field#",
      },
    },
  },
} as const;
