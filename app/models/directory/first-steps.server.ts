import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../core/permissions";
import { completenessFields } from "./profile-schema";

type Db = Kysely<Database>;

export type FirstStepId = "profile" | "listing" | "group";

export interface FirstStep {
  id: FirstStepId;
  done: boolean;
  href: string;
  /** The profile's completeness, for the profile step. */
  percent?: number;
}

/** A profile counts as completed, for the first steps, from this share of its fields. */
export const PROFILE_STEP_PERCENT = 50;

/**
 * What a member of a newly approved organisation does first: complete the profile (investors their
 * investor profile has no meter, so theirs is left out), publish a listing, join a working group.
 * Null when the organisation is not approved or every step is done: the dashboard then shows none.
 */
export async function firstSteps(db: Db, actor: Actor): Promise<FirstStep[] | null> {
  const org = actor.org;
  if (!org || org.status !== "approved") return null;
  // One statement: the dashboard's query budget (test/page-queries.test.ts) counts each.
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("org_profiles").select("filled_fields").where("org_id", "=", org.id).as("filled"),
      eb
        .exists(eb.selectFrom("listings").select("id").where("org_id", "=", org.id).where("status", "in", ["pending_review", "published", "closed"]))
        .as("listed"),
      eb.exists(eb.selectFrom("group_members").select("group_id").where("user_id", "=", actor.id).where("status", "in", ["active", "pending"])).as("grouped"),
      // The data assets field is the organisation's published supply listings (as on the profile's meter).
      eb
        .exists(eb.selectFrom("listings").select("id").where("org_id", "=", org.id).where("status", "=", "published").where("kind", "=", "supply"))
        .as("assets"),
    ])
    .executeTakeFirstOrThrow();
  const profile = { filled_fields: row.filled ?? 0 };
  const [listing, group, assets] = [row.listed, row.grouped, row.assets];
  const steps: FirstStep[] = [];
  if (org.type !== "investor") {
    // completeness(type, data).percent, from the stored count of filled fields (profiles.server.ts keeps it).
    const fields = completenessFields(org.type);
    const filled = (profile?.filled_fields ?? 0) + (fields.includes("dataAssets") && assets ? 1 : 0);
    const percent = Math.round((filled / Math.max(1, fields.length)) * 100);
    steps.push({ id: "profile", done: percent >= PROFILE_STEP_PERCENT, href: "/profile", percent });
  }
  steps.push({ id: "listing", done: !!listing, href: "/listings/new" });
  steps.push({ id: "group", done: !!group, href: "/groups" });
  return steps.every((s) => s.done) ? null : steps;
}
