import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, forbidden, invalid, notFound } from "../core/errors";
import type { MatchStatus } from "../core/enums";
import { MESSAGE_MAX } from "./listing-schema";
import { loadSides, scorePair, storedMatches, termFrequencies, type Reason } from "./matching.server";
import { deliver, noRealtime, storeNotifications, type Realtime, type StoredNotification } from "../core/notifications.server";
import { isSecretariat, requireUser, type Actor, requireApprovedMember, approvedOrg } from "../core/permissions";
import { getListing } from "./listings.server";
import { LIMITS, enforceLimit } from "../core/rate-limit.server";
import { memberIdsOf } from "../core/org-members.server";
import { crossBorderView } from "../crossborder/declarations.server";
import { crossBorderReason } from "../crossborder/routes";

type Db = Kysely<Database>;

/**
 * The match workflow: suggested -> interested -> negotiating -> agreed | declined. Agreed deals
 * are filed (交易备案) and both sides may rate each other once.
 */
export const matchRoom = (matchId: string) => `match:${matchId}`;

interface Party {
  side: "supply" | "demand";
  match: Awaited<ReturnType<typeof loadMatch>>;
}

async function loadMatch(db: Db, matchId: string) {
  const m = await db
    .selectFrom("matches")
    .innerJoin("listings as s", "s.id", "matches.supply_id")
    .innerJoin("listings as d", "d.id", "matches.demand_id")
    .innerJoin("organisations as so", "so.id", "s.org_id")
    .innerJoin("organisations as do", "do.id", "d.org_id")
    .leftJoin("crossborder_declarations as cb", "cb.listing_id", "matches.supply_id")
    .select([
      "cb.route as supply_route",
      "d.regions as demand_regions",
      "so.name_zh as supply_org_name",
      "do.name_zh as demand_org_name",
      "matches.id",
      "matches.status",
      "matches.score",
      "matches.reasons",
      "matches.initiator_org_id",
      "matches.supply_agreed",
      "matches.demand_agreed",
      "matches.supply_id",
      "matches.demand_id",
      "matches.created_at",
      "s.org_id as supply_org_id",
      "d.org_id as demand_org_id",
      "s.title as supply_title",
      "d.title as demand_title",
    ])
    .where("matches.id", "=", matchId)
    .executeTakeFirst();
  if (!m) throw notFound();
  return m;
}

/** Only the two organisations of a match (and the secretariat, read-only) may see it. */
async function requireParty(db: Db, actor: Actor | null, matchId: string, opts: { readOnlyOk?: boolean } = {}): Promise<Party> {
  const a = requireUser(actor);
  const match = await loadMatch(db, matchId);
  const orgId = approvedOrg(a)?.id ?? null;
  if (orgId === match.supply_org_id) return { side: "supply", match };
  if (orgId === match.demand_org_id) return { side: "demand", match };
  if (opts.readOnlyOk && isSecretariat(a)) return { side: "supply", match };
  throw notFound();
}

/** Live matches of a listing, each with its score, reasons and the workflow state if one exists. */
export async function matchesForListing(db: Db, actor: Actor | null, listingId: string) {
  const listing = await getListing(db, actor, listingId);
  if (listing.status !== "published") return [];
  const found = await storedMatches(db, listingId);
  if (found.length === 0) return [];
  const ids = found.map((f) => f.listingId);
  const rows = await db
    .selectFrom("listings")
    .innerJoin("organisations", "organisations.id", "listings.org_id")
    .leftJoin("crossborder_declarations as cb", "cb.listing_id", "listings.id")
    .select(["listings.id", "listings.title", "listings.kind", "organisations.name_zh as org_name", "listings.regions", "cb.route as cb_route"])
    .where("listings.id", "in", ids)
    .execute();
  // Issue 35: a supply's declared flow meets a demand placed abroad (its regions) with its route as a reason, or an obstacle; both sides alike.
  const ownRoute = listing.kind === "supply" ? (crossBorderView(listing.crossBorderFlow ?? null, listing.compliance)?.route.route ?? null) : null;
  const borderReason = (other: (typeof rows)[number] | undefined) =>
    listing.kind === "supply" ? crossBorderReason(ownRoute, other?.regions ?? []) : crossBorderReason(other?.cb_route, listing.regions);
  const pairCol = listing.kind === "supply" ? "supply_id" : "demand_id";
  const otherCol = listing.kind === "supply" ? "demand_id" : "supply_id";
  const existing = await db.selectFrom("matches").select(["id", "status", otherCol]).where(pairCol, "=", listingId).where(otherCol, "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const state = new Map(existing.map((e) => [(e as Record<string, string>)[otherCol], e]));
  return found.map((f) => ({
    listingId: f.listingId,
    title: byId.get(f.listingId)?.title ?? "",
    orgName: byId.get(f.listingId)?.org_name ?? "",
    score: f.score,
    reasons: ((r) => (r ? [...f.reasons, r] : f.reasons))(borderReason(byId.get(f.listingId))),
    matchId: state.get(f.listingId)?.id ?? null,
    status: state.get(f.listingId)?.status ?? null,
  }));
}

/** My organisation's published listings of the other kind: what I can offer or ask for against this one. */
/**
 * The reader's own listings of the other kind, to pair with `otherListingId`: best match first, each
 * with its stored score against that listing (null when the pair scored nothing), so the form never
 * leads with whichever listing happens to be newest.
 */
export async function myCounterListings(db: Db, actor: Actor | null, kind: "supply" | "demand", otherListingId: string) {
  const org = approvedOrg(actor);
  if (!org) return [];
  const mineAreSupply = kind === "demand";
  const rows = await db
    .selectFrom("listings")
    .leftJoin("match_candidates as mc", (j) =>
      mineAreSupply
        ? j.onRef("mc.supply_id", "=", "listings.id").on("mc.demand_id", "=", otherListingId)
        : j.onRef("mc.demand_id", "=", "listings.id").on("mc.supply_id", "=", otherListingId),
    )
    .select(["listings.id", "listings.title", "listings.title_en", "mc.score"])
    .where("listings.org_id", "=", org.id)
    .where("listings.status", "=", "published")
    .where("listings.kind", "=", mineAreSupply ? "supply" : "demand")
    .orderBy(sql`mc.score desc nulls last`)
    .orderBy("listings.published_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, titleEn: r.title_en, score: r.score === null ? null : Math.round(Number(r.score) * 100) }));
}

export async function expressInterest(
  db: Db,
  actor: Actor | null,
  input: { myListingId: string; otherListingId: string },
  realtime: Realtime = noRealtime,
): Promise<string> {
  const a = requireApprovedMember(actor);
  const { id, notes } = await db.transaction().execute(async (trx) => {
    const pair = await trx
      .selectFrom("listings")
      .select(["id", "kind", "org_id", "status", "title"])
      .where("id", "in", [input.myListingId, input.otherListingId])
      .execute();
    const mine = pair.find((p) => p.id === input.myListingId);
    const other = pair.find((p) => p.id === input.otherListingId);
    if (!mine || !other || other.status !== "published") throw notFound();
    if (mine.org_id !== a.org!.id) throw forbidden("errors.notYourListing");
    if (mine.status !== "published" || mine.kind === other.kind || other.org_id === mine.org_id) throw invalid("errors.notCounterpart");
    const supplyId = mine.kind === "supply" ? mine.id : other.id;
    const demandId = mine.kind === "supply" ? other.id : mine.id;
    const existing = await trx
      .selectFrom("matches")
      .select(["id", "status"])
      .where("supply_id", "=", supplyId)
      .where("demand_id", "=", demandId)
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.status !== "suggested") throw conflict("errors.matchInProgress");
    let id = existing?.id;
    if (id) {
      await trx
        .updateTable("matches")
        .set({ status: "interested", initiator_org_id: a.org!.id, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    } else {
      const { score, reasons } = await scoreOnePair(trx as unknown as Db, supplyId, demandId);
      const row = await trx
        .insertInto("matches")
        .values({ supply_id: supplyId, demand_id: demandId, score, reasons: JSON.stringify(reasons), status: "interested", initiator_org_id: a.org!.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await writeAudit(trx, {
      actorId: a.id,
      action: "match.interested",
      entityType: "match",
      entityId: id,
      before: { status: existing?.status ?? null },
      after: { status: "interested" },
    });
    const notes = await storeNotifications(trx, await memberIdsOf(trx, other.org_id), "match.interest", {
      matchId: id,
      title: other.title,
      from: a.org!.nameZh,
    });
    return { id, notes };
  });
  deliver(realtime, notes);
  return id;
}

async function scoreOnePair(db: Db, supplyId: string, demandId: string): Promise<{ score: number; reasons: Reason[] }> {
  const sides = await loadSides(db, [supplyId, demandId]);
  const s = sides.find((x) => x.id === supplyId)!;
  const d = sides.find((x) => x.id === demandId)!;
  const { df, total } = await termFrequencies(db, [...s.tokens, ...d.tokens]);
  const { score, reasons } = scorePair(d, s, df, total);
  return { score, reasons };
}

export type MatchStep = "accept" | "decline" | "agree";

interface MatchState {
  status: MatchStatus;
  initiator_org_id: string | null;
  supply_agreed: boolean;
  demand_agreed: boolean;
}

/**
 * The match state machine, stated once: the steps a party may take now and what it waits for. The
 * other side answers interest; either side may decline while talking or agree (once) to close the
 * deal. advanceMatch enforces it; the negotiation page only renders it.
 */
export function matchStepsFor(m: MatchState, side: "supply" | "demand", myOrg: string): { steps: MatchStep[]; waitingFor: "answer" | "counterpart" | null } {
  const iAgreed = side === "supply" ? m.supply_agreed : m.demand_agreed;
  if (m.status === "interested")
    return m.initiator_org_id === myOrg ? { steps: ["decline"], waitingFor: "answer" } : { steps: ["accept", "decline"], waitingFor: null };
  if (m.status === "negotiating") return iAgreed ? { steps: ["decline"], waitingFor: "counterpart" } : { steps: ["agree", "decline"], waitingFor: null };
  return { steps: [], waitingFor: null };
}

/** One step of a party in a match, as matchStepsFor allows it. */
export async function advanceMatch(db: Db, actor: Actor | null, matchId: string, step: MatchStep, realtime: Realtime = noRealtime): Promise<string> {
  const a = requireUser(actor);
  const { side, match } = await requireParty(db, a, matchId);
  const myOrg = side === "supply" ? match.supply_org_id : match.demand_org_id;
  const otherOrg = side === "supply" ? match.demand_org_id : match.supply_org_id;
  const notes: StoredNotification[] = [];
  const status = await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("matches")
      .select(["status", "supply_agreed", "demand_agreed", "initiator_org_id"])
      .where("id", "=", matchId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!matchStepsFor(current, side, myOrg).steps.includes(step)) {
      if (step === "accept" && current.status === "interested") throw forbidden("errors.waitForOtherSide");
      throw conflict("errors.badTransition");
    }
    let next = current.status;
    const set: Record<string, unknown> = {};
    if (step === "accept") next = "negotiating";
    else if (step === "decline") next = "declined";
    else {
      set[side === "supply" ? "supply_agreed" : "demand_agreed"] = true;
      const theyAgreed = side === "supply" ? current.demand_agreed : current.supply_agreed;
      if (theyAgreed) next = "agreed";
    }
    await trx
      .updateTable("matches")
      .set({ ...set, status: next, updated_at: sql`now()` })
      .where("id", "=", matchId)
      .execute();
    if (next === "agreed") {
      await trx.insertInto("deal_filings").values({ match_id: matchId, supply_org_id: match.supply_org_id, demand_org_id: match.demand_org_id }).execute();
    }
    await writeAudit(trx, {
      actorId: a.id,
      action: `match.${step}`,
      entityType: "match",
      entityId: matchId,
      before: { status: current.status },
      after: { status: next, side },
    });
    const kind = next === "agreed" ? "match.agreed" : `match.${step}`;
    const recipients = [...(await memberIdsOf(trx, otherOrg)), ...(next === "agreed" ? await memberIdsOf(trx, myOrg, { except: a.id }) : [])];
    notes.push(
      ...(await storeNotifications(trx, recipients, kind, {
        matchId,
        title: side === "supply" ? match.demand_title : match.supply_title,
        from: a.org?.nameZh ?? "",
      })),
    );
    return next;
  });
  deliver(realtime, notes);
  realtime.toRoom(matchRoom(matchId), "match:status", { matchId, status });
  return status;
}

export interface MatchMessage {
  id: string;
  matchId: string;
  authorName: string;
  orgId: string;
  body: string;
  createdAt: Date;
}

/** Stored first, then sent to the match room with its id; a client that reconnects asks for what came after. */
export async function postMessage(db: Db, actor: Actor | null, matchId: string, body: string, realtime: Realtime = noRealtime): Promise<MatchMessage> {
  const a = requireUser(actor);
  const { match } = await requireParty(db, a, matchId);
  if (match.status !== "negotiating") throw conflict("errors.notNegotiating");
  const text = body.trim();
  if (!text) throw invalid("v.required", "body");
  if (text.length > MESSAGE_MAX) throw invalid(`v.tooLong.${MESSAGE_MAX}`, "body");
  const { limit, windowSeconds } = LIMITS.matchMessagesPerUser;
  await enforceLimit(db, `match-msg:${a.id}`, limit, windowSeconds);
  const row = await db
    .insertInto("match_messages")
    .values({ match_id: matchId, author_id: a.id, org_id: a.org!.id, body: text })
    .returning(["id", "created_at"])
    .executeTakeFirstOrThrow();
  const message: MatchMessage = { id: String(row.id), matchId, authorName: a.displayName, orgId: a.org!.id, body: text, createdAt: row.created_at };
  realtime.toRoom(matchRoom(matchId), "match:message", message);
  return message;
}

export async function messagesAfter(db: Db, actor: Actor | null, matchId: string, afterId: string | null, limit = 200): Promise<MatchMessage[]> {
  await requireParty(db, actor, matchId, { readOnlyOk: true });
  return readMessages(db, matchId, afterId, limit);
}

/** The thread after a message id; the caller has checked that the reader is a party. */
async function readMessages(db: Db, matchId: string, afterId: string | null, limit = 200): Promise<MatchMessage[]> {
  let q = db
    .selectFrom("match_messages")
    .innerJoin("users", "users.id", "match_messages.author_id")
    .select(["match_messages.id", "match_messages.org_id", "match_messages.body", "match_messages.created_at", "users.display_name"])
    .where("match_id", "=", matchId);
  if (afterId && /^\d+$/.test(afterId)) q = q.where("match_messages.id", ">", afterId);
  const rows = await q.orderBy("match_messages.id").limit(limit).execute();
  return rows.map((r) => ({ id: String(r.id), matchId, authorName: r.display_name, orgId: r.org_id, body: r.body, createdAt: r.created_at }));
}

export async function rateCounterpart(db: Db, actor: Actor | null, matchId: string, score: number, comment: string | null) {
  const a = requireUser(actor);
  const { side, match } = await requireParty(db, a, matchId);
  if (match.status !== "agreed") throw conflict("errors.notAgreed");
  const rater = side === "supply" ? match.supply_org_id : match.demand_org_id;
  const ratee = side === "supply" ? match.demand_org_id : match.supply_org_id;
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto("ratings")
      .values({ match_id: matchId, rater_org_id: rater, ratee_org_id: ratee, score, comment })
      .onConflict((oc) => oc.columns(["match_id", "rater_org_id"]).doNothing())
      .executeTakeFirst();
    if (!res.numInsertedOrUpdatedRows) throw conflict("errors.alreadyRated");
    await writeAudit(trx, { actorId: a.id, action: "match.rated", entityType: "match", entityId: matchId, after: { score, ratee } });
  });
}

/** Everything the negotiation page shows. */
export async function getMatchView(db: Db, actor: Actor | null, matchId: string) {
  const { side, match } = await requireParty(db, actor, matchId, { readOnlyOk: true });
  const [messages, filing, ratings] = await Promise.all([
    readMessages(db, matchId, null),
    db.selectFrom("deal_filings").select(["id", "filed_at", "number"]).where("match_id", "=", matchId).executeTakeFirst(),
    db.selectFrom("ratings").select(["rater_org_id", "score", "comment"]).where("match_id", "=", matchId).execute(),
  ]);
  const myOrg = side === "supply" ? match.supply_org_id : match.demand_org_id;
  const party = actor?.org?.id === match.supply_org_id || actor?.org?.id === match.demand_org_id;
  // What the reader may do here; the secretariat reads along and may do nothing.
  const can = party
    ? { ...matchStepsFor(match, side, myOrg), message: match.status === "negotiating", rate: match.status === "agreed" }
    : { steps: [] as MatchStep[], waitingFor: null, message: false, rate: false };
  return {
    id: match.id,
    status: match.status,
    score: match.score,
    // Issue 35: the deal carries the supply's cross-border route (or the assessment as an obstacle) for a demand abroad.
    reasons: ((r) => (r ? [...match.reasons, r] : match.reasons))(crossBorderReason(match.supply_route, match.demand_regions)),
    side: party ? side : null,
    can,
    supply: { id: match.supply_id, title: match.supply_title, orgId: match.supply_org_id, orgName: match.supply_org_name },
    demand: { id: match.demand_id, title: match.demand_title, orgId: match.demand_org_id, orgName: match.demand_org_name },
    messages,
    filing: filing ?? null,
    myRating: party ? (ratings.find((r) => r.rater_org_id === myOrg) ?? null) : null,
    ratings,
  };
}

/** The organisation's matches in progress, newest first. */
export async function myMatches(db: Db, actor: Actor | null) {
  const a = requireUser(actor);
  if (!a.org) return [];
  return db
    .selectFrom("matches")
    .innerJoin("listings as s", "s.id", "matches.supply_id")
    .innerJoin("listings as d", "d.id", "matches.demand_id")
    .select(["matches.id", "matches.status", "matches.score", "matches.updated_at", "s.title as supply_title", "d.title as demand_title"])
    .where((eb) => eb.or([eb("s.org_id", "=", a.org!.id), eb("d.org_id", "=", a.org!.id)]))
    .where("matches.status", "!=", "suggested")
    .orderBy("matches.updated_at", "desc")
    .limit(100)
    .execute();
}

/** Socket rooms are joined only after the same check as the page. */
export async function assertMatchParty(db: Db, actor: Actor | null, matchId: string) {
  await requireParty(db, actor, matchId, { readOnlyOk: true });
}
