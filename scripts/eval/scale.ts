/**
 * The evaluation at a catalogue's size: EVAL_SCALE=100000 places the labelled set among that many
 * generated listings (scripts/bench/synthetic-listings.ts, bulk-loaded as the benchmark loads them),
 * with the labelled listings published at the middle of the generated dates, so recency favours
 * neither. The BM25 baseline indexes the same published supply texts in the same run.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../db/index";
import { generate, load } from "../bench/synthetic-listings";
import { Bm25 } from "./bm25";
import { listingText, type EvalListing } from "./set";

export const EVAL_SCALE = Number(process.env.EVAL_SCALE ?? 0);

/** Generated listings are published up to a year ago (synthetic-listings.ts): the middle is half a year. */
const MIDDLE_DAYS = 365 / 2;

/**
 * Adds EVAL_SCALE generated listings around the labelled ones already published (ids in `labelled`)
 * and returns the baseline over every published supply text. Prints what it did and how long it took.
 */
export async function placeAmongGenerated(db: Db, labelled: Map<string, string>, supply: EvalListing[]): Promise<Bm25> {
  const bm25 = new Bm25(supply.map((l) => ({ key: l.key, text: listingText(l) })));
  if (EVAL_SCALE <= 0) return bm25;
  const t0 = performance.now();
  const orgs = Math.max(20, Math.min(2000, Math.round(EVAL_SCALE / 200)));
  const orgIds = Array.from({ length: orgs }, () => crypto.randomUUID());
  const userIds = Array.from({ length: orgs }, () => crypto.randomUUID());
  const data = generate(EVAL_SCALE, orgs);
  const generated = performance.now() - t0;
  const times = await load(db, data, orgIds, userIds);
  await sql`update listings set published_at = now() - make_interval(secs => ${MIDDLE_DAYS * 86_400}) where id in (${sql.join([...labelled.keys()])})`.execute(
    db,
  );
  for (const l of data)
    if (l.status === "published" && l.kind === "supply") bm25.add(`gen:${l.id}`, [l.title, l.tags.join(" "), l.description, l.scenario].join("\n"));
  console.log(
    `placed among ${EVAL_SCALE} generated listings (${data.filter((l) => l.status === "published").length} published; ${bm25.size} published supply texts in the baseline): generated in ${(generated / 1000).toFixed(1)} s, loaded in ${(times.total / 1000).toFixed(1)} s (rows ${(times.inserted / 1000).toFixed(1)} s, indexes and ${times.postings} postings ${(times.indexed / 1000).toFixed(1)} s)`,
  );
  return bm25;
}
