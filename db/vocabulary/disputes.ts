/**
 * The dispute vocabulary of DESIGN.md (争议处理) and of evidence files. A module that imports
 * nothing, so db/ types and the models read the same lists; labels live in the catalogs under disputes.*.
 */

/** open -> answered -> mediating -> settled | upheld | rejected (the last three are final). */
export const DISPUTE_STATUSES = ["open", "answered", "mediating", "settled", "upheld", "rejected"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** How a dispute ends: the parties settled, the claim was upheld, or it was rejected. */
export const DISPUTE_OUTCOMES = ["settled", "upheld", "rejected"] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** Who speaks on a dispute's timeline. `system` marks what the job runner recorded (an overdue answer). */
export const DISPUTE_ROLES = ["claimant", "respondent", "mediator", "secretariat", "system"] as const;
export type DisputeRole = (typeof DISPUTE_ROLES)[number];

/** The entries of a dispute's timeline. */
export const STATEMENT_KINDS = ["claim", "answer", "statement", "assignment", "note", "outcome", "overdue"] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** Who mediates: the secretariat itself, or a member organisation offering dispute resolution. */
export const MEDIATOR_KINDS = ["secretariat", "organisation"] as const;
export type MediatorKind = (typeof MEDIATOR_KINDS)[number];

/** What an evidence file is attached to. */
export const EVIDENCE_SUBJECTS = ["dispute_statement", "report"] as const;
export type EvidenceSubject = (typeof EVIDENCE_SUBJECTS)[number];

/** The file types evidence may be, told apart by their first bytes. */
export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg", "text/plain"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** The form field that carries evidence files, on every form that takes them. */
export const EVIDENCE_FIELD = "evidence";
