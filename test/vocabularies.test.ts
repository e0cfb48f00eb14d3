import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import * as enums from "../app/models/core/enums";
import { MAIL_CADENCES } from "../app/models/accounts/account-schema";
import { DRAFT_STAGES, RESOLUTIONS } from "../app/models/standards/draft-schema";
import { SCENARIO_STAGES } from "../app/models/scenarios/scenario-schema";
import { PARTICIPANT_STATUSES, SIGNED_OFF_STAGES, STAGE_REQUEST_FROM, STAGE_REQUEST_STATUSES } from "../db/vocabulary/scenarios";
import { VOTE_CHOICES } from "../app/models/standards/collab-schema";
import * as trust from "../app/models/trust/vocabulary";
import * as disputes from "../app/models/trust/dispute-vocabulary";
import * as crossborder from "../db/vocabulary/crossborder";
import { dbForSuite } from "./helpers/db";

/** Every column the migrations constrain to a list, and the `as const` list the code (zod, types) uses for it. */
const VOCABULARY_OF: Record<string, readonly string[]> = {
  "users.platform_role": enums.PLATFORM_ROLES,
  "users.notification_email": MAIL_CADENCES,
  "organisations.status": enums.ORG_STATUSES,
  "org_members.role": enums.ORG_ROLES,
  "org_invitations.role": enums.INVITABLE_ROLES,
  "org_invitations.status": enums.INVITATION_STATUSES,
  "account_tokens.purpose": enums.TOKEN_PURPOSES,
  "listings.kind": enums.LISTING_KINDS,
  "listings.status": enums.LISTING_STATUSES,
  "matches.status": enums.MATCH_STATUSES,
  "scenarios.stage": SCENARIO_STAGES,
  "scenario_participants.status": PARTICIPANT_STATUSES,
  "scenario_stage_requests.from_stage": STAGE_REQUEST_FROM,
  "scenario_stage_requests.to_stage": SIGNED_OFF_STAGES,
  "scenario_stage_requests.status": STAGE_REQUEST_STATUSES,
  "catalog_editions.status": enums.EDITION_STATUSES,
  "introductions.status": enums.INTRODUCTION_STATUSES,
  "working_groups.standard_type": enums.STANDARD_TYPES,
  "working_groups.status": enums.GROUP_STATUSES,
  "group_members.role": enums.GROUP_ROLES,
  "group_members.status": enums.GROUP_MEMBER_STATUSES,
  "drafts.stage": DRAFT_STAGES,
  "draft_comments.resolution": RESOLUTIONS,
  "ballots.status": enums.BALLOT_STATUSES,
  "ballots.result": enums.BALLOT_RESULTS,
  "ballot_votes.choice": VOTE_CHOICES,
  "reports.target_type": trust.STORED_REPORT_TARGETS,
  "reports.category": trust.REPORT_CATEGORIES,
  "reports.status": trust.REPORT_STATUSES,
  "reports.decision": trust.REPORT_DECISIONS,
  "moderation_actions.target_type": trust.MODERATION_TARGETS,
  "moderation_actions.kind": trust.MODERATION_KINDS,
  "moderation_actions.appeal_outcome": trust.APPEAL_OUTCOMES,
  "disputes.status": disputes.DISPUTE_STATUSES,
  "disputes.mediator_kind": disputes.MEDIATOR_KINDS,
  "dispute_statements.role": disputes.DISPUTE_ROLES,
  "dispute_statements.kind": disputes.STATEMENT_KINDS,
  "dispute_statements.outcome": disputes.DISPUTE_OUTCOMES,
  "evidence_files.subject_type": disputes.EVIDENCE_SUBJECTS,
  "evidence_files.content_type": disputes.EVIDENCE_TYPES,
  "crossborder_declarations.direction": crossborder.DIRECTIONS,
  "crossborder_declarations.exemption": crossborder.EXEMPTIONS,
  "crossborder_declarations.recipient_kind": crossborder.RECIPIENT_KINDS,
  "crossborder_declarations.route": crossborder.ROUTES,
};

/** `CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))` → ["status", ["a", "b"]] */
function parseCheck(def: string): [string, string[]] | null {
  const m = /\(\(?"?(\w+)"?\)? = ANY \(+ARRAY\[(.*?)\]/.exec(def);
  if (!m) return null;
  return [m[1], [...m[2].matchAll(/'([^']*)'/g)].map((v) => v[1])];
}

describe("vocabularies: one list in the code, the same list in the database", () => {
  const t = dbForSuite();
  let db: Db;
  let checks: Map<string, string[]>;
  beforeAll(async () => {
    db = t.db;
    const { rows } = await sql<{ tbl: string; def: string }>`
      select c.conrelid::regclass::text as tbl, pg_get_constraintdef(c.oid) as def
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'c' and c.conrelid <> 0 and n.nspname = 'public'`.execute(db);
    checks = new Map();
    for (const r of rows) {
      const parsed = parseCheck(r.def);
      if (parsed) checks.set(`${r.tbl}.${parsed[0]}`, parsed[1]);
    }
  });

  it("reads the constraint lists (the parser is not silently empty)", () => {
    expect(checks.get("listings.status")).toEqual(["draft", "pending_review", "published", "closed", "withdrawn"]);
  });

  it("holds every constrained column to a vocabulary of the code", () => {
    expect([...checks.keys()].filter((column) => !(column in VOCABULARY_OF))).toEqual([]);
  });

  it.each(Object.entries(VOCABULARY_OF))("%s accepts exactly its vocabulary", (column, values) => {
    expect(checks.get(column), column).toBeDefined();
    expect([...checks.get(column)!].sort()).toEqual([...values].sort());
  });
});
