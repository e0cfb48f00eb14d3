import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DELIVERY_MODES, PRICING_MODELS, REGIONS, RIGHTS, SECTORS, UPDATE_FREQUENCIES } from "../../app/models/core/enums";

/** The labelled evaluation set (scripts/eval/set/, see its README): supply listings, queries, demands. */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "set");

const lang = z.enum(["zh-Hans", "zh-Hant", "en"]);
const judgements = z.record(z.string(), z.number().int().min(1).max(3));

const listing = z.object({
  key: z.string(),
  lang,
  title: z.string(),
  description: z.string(),
  scenario: z.string(),
  tags: z.array(z.string()),
  sectors: z.array(z.enum(SECTORS)).min(1),
  regions: z.array(z.enum(REGIONS)).min(1),
  deliveryModes: z.array(z.enum(DELIVERY_MODES)).min(1),
  rights: z.array(z.enum(RIGHTS)).min(1),
  dataCategory: z.enum(["public", "enterprise"]),
  pricingModel: z.enum(PRICING_MODELS),
  priceMin: z.number().nullable(),
  priceMax: z.number().nullable(),
  updateFrequency: z.enum(UPDATE_FREQUENCIES),
});
const demand = listing.extend({ wrongSectors: z.array(z.enum(SECTORS)).min(1), relevant: judgements });
const query = z.object({ q: z.string().min(1), lang, relevant: judgements });

export type EvalListing = z.infer<typeof listing>;
export type EvalDemand = z.infer<typeof demand>;
export type EvalQuery = z.infer<typeof query>;
export type Lang = z.infer<typeof lang>;

const read = <T extends z.ZodTypeAny>(file: string, schema: T): z.infer<T>[] =>
  z.array(schema).parse(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));

export function loadEvalSet() {
  const supply = read("supply.json", listing);
  const queries = read("queries.json", query);
  const demands = read("demands.json", demand);
  const keys = new Set(supply.map((s) => s.key));
  for (const j of [...queries.map((q) => q.relevant), ...demands.map((d) => d.relevant)]) {
    for (const key of Object.keys(j)) if (!keys.has(key)) throw new Error(`eval set: unknown supply key ${key}`);
  }
  return { supply, queries, demands, langOf: new Map(supply.map((s) => [s.key, s.lang])) };
}

/** What a searcher or the baseline reads of a listing. */
export const listingText = (l: EvalListing) => [l.title, l.tags.join(" "), l.description, l.scenario].join("\n");
