import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { CrossBorderArea } from "../../../db/vocabulary/crossborder-areas";
import type { ScenarioStage } from "../../../db/vocabulary/scenarios";
import { requireSecretariat, type Actor } from "../core/permissions";

type Tx = Transaction<Database> | Kysely<Database>;

/** One scenario of cross-border mutual recognition in the secretariat's monitoring view. */
export interface CrossBorderScenarioRow {
  scenarioId: string;
  title: string;
  titleEn: string | null;
  orgName: string;
  orgNameEn: string | null;
  stage: ScenarioStage;
  areas: CrossBorderArea[];
  hidden: boolean;
  updatedAt: Date;
}

/**
 * Every scenario tagged with an area of cross-border mutual recognition (policy item 二十), newest
 * first, hidden ones included (the monitoring view sees all). The secretariat only.
 */
export async function listCrossBorderScenarios(db: Tx, actor: Actor | null): Promise<CrossBorderScenarioRow[]> {
  requireSecretariat(actor);
  const rows = await db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.org_id")
    .where("s.crossborder_areas", "is not", null)
    .select(["s.id", "s.title", "s.title_en", "o.name_zh", "o.name_en", "s.stage", "s.crossborder_areas", "s.hidden_at", "s.updated_at"])
    .orderBy("s.updated_at", "desc")
    .orderBy("s.id")
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    scenarioId: r.id,
    title: r.title,
    titleEn: r.title_en,
    orgName: r.name_zh,
    orgNameEn: r.name_en,
    stage: r.stage,
    areas: (r.crossborder_areas ?? []) as CrossBorderArea[],
    hidden: r.hidden_at !== null,
    updatedAt: r.updated_at,
  }));
}
