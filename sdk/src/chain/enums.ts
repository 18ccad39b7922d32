/**
 * The contracts' enums, with the same numbers (contracts/Common.sol and the interfaces). Each is a
 * frozen object and a type of its values.
 */

/** Administrative level of a department or licence type (Common.sol `Level`). */
export const Level = { National: 1, Municipal: 2, District: 3 } as const;
export type Level = (typeof Level)[keyof typeof Level];

/** Common.sol `DepartmentKind`. */
export const DepartmentKind = { Government: 0, PublicService: 1 } as const;
export type DepartmentKind = (typeof DepartmentKind)[keyof typeof DepartmentKind];

/** ILicenceRegistry `LicenceState`: what was recorded. */
export const LicenceState = { None: 0, Issued: 1, Suspended: 2, Revoked: 3 } as const;
export type LicenceState = (typeof LicenceState)[keyof typeof LicenceState];

/** ILicenceRegistry `LicenceStatus`: what holds now. */
export const LicenceStatus = { Unknown: 0, Valid: 1, Suspended: 2, Revoked: 3, Expired: 4 } as const;
export type LicenceStatus = (typeof LicenceStatus)[keyof typeof LicenceStatus];

/** IServiceCatalog `MaterialKind`. */
export const MaterialKind = { Licence: 0, Upload: 1 } as const;
export type MaterialKind = (typeof MaterialKind)[keyof typeof MaterialKind];

/** IServiceCatalog `LinkMode`. */
export const LinkMode = { Suggest: 0, StartOnConsent: 1 } as const;
export type LinkMode = (typeof LinkMode)[keyof typeof LinkMode];

/** IApprovalEngine `ApplicationStatus`. */
export const ApplicationStatus = { None: 0, Active: 1, Returned: 2, Completed: 3, Rejected: 4, Withdrawn: 5 } as const;
export type ApplicationStatus = (typeof ApplicationStatus)[keyof typeof ApplicationStatus];

/** IApprovalEngine `Outcome`. */
export const Outcome = { None: 0, Approve: 1, Reject: 2, Return: 3 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * ILicenceRegistry `LicenceProblem`: why a licence presented by its holder was refused
 * (`checkHeldLicences`, and the `problem` of ApprovalEngine's `ApprovalEngineInvalidLicence`).
 */
export const LicenceProblem = { None: 0, NotValid: 1, NotHolder: 2, WrongType: 3, IssuerNotAuthorised: 4 } as const;
export type LicenceProblem = (typeof LicenceProblem)[keyof typeof LicenceProblem];

/** A step's status as the indexer and the subgraph store it (`Step.status`): where its round stands. */
export const StepStatus = { Pending: 0, Active: 1, Approved: 2, Rejected: 3, Returned: 4 } as const;
export type StepStatus = (typeof StepStatus)[keyof typeof StepStatus];
