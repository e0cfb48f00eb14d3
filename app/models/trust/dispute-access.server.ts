import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { notFound } from "../core/errors";
import { approvedOrg, isSecretariat, requireUser, type Actor } from "../core/permissions";
import type { DisputeRole } from "./dispute-vocabulary";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Who may read a dispute, in one place (the dispute pages, its socket room and its evidence files
 * ask here): the two parties, the assigned mediator and the secretariat. Anyone else, including a
 * mediator of other disputes, is told it does not exist.
 */
export const disputeRoom = (disputeId: string) => `dispute:${disputeId}`;

export async function loadDisputeRow(db: Db, disputeId: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom("disputes").selectAll().where("id", "=", disputeId);
  if (opts.lock) q = q.forUpdate();
  const d = await q.executeTakeFirst();
  if (!d) throw notFound();
  return d;
}
export type DisputeRow = Awaited<ReturnType<typeof loadDisputeRow>>;

/**
 * The reader's part in this dispute. The secretariat mediates when it is assigned (or before anyone
 * is), otherwise it oversees as `secretariat`; a member of the mediating organisation is `mediator`.
 */
export function roleIn(
  d: Pick<DisputeRow, "claimant_org_id" | "respondent_org_id" | "mediator_kind" | "mediator_org_id">,
  actor: Actor | null,
): DisputeRole | null {
  if (!actor) return null;
  if (isSecretariat(actor)) return d.mediator_kind === "secretariat" ? "mediator" : "secretariat";
  const org = approvedOrg(actor)?.id;
  if (!org) return null;
  if (org === d.claimant_org_id) return "claimant";
  if (org === d.respondent_org_id) return "respondent";
  if (d.mediator_kind === "organisation" && org === d.mediator_org_id) return "mediator";
  return null;
}

/** The dispute and the reader's part in it, or a 404 for anyone without one. */
export async function requireDisputeReader(db: Db, actor: Actor | null, disputeId: string, opts: { lock?: boolean } = {}) {
  const a = requireUser(actor);
  const d = await loadDisputeRow(db, disputeId, opts);
  const role = roleIn(d, a);
  if (!role) throw notFound();
  return { dispute: d, role, actor: a };
}
