import type { Db } from "../../db/index";
import type { ListingInput } from "../../app/models/marketplace/listing-schema";
import { listingInputSchema } from "../../app/models/marketplace/listing-schema";
import { createListing, reviewListing } from "../../app/models/marketplace/listings.server";
import type { Actor } from "../../app/models/core/permissions";
import type { Realtime } from "../../app/models/core/notifications.server";

/** A valid listing input; tests override what they care about. */
export function listingInput(overrides: Partial<Record<keyof ListingInput, unknown>> = {}): ListingInput {
  return listingInputSchema.parse({
    kind: "supply",
    title: "城市交通流量数据集",
    description: "覆盖广州主要道路的实时交通流量与拥堵指数，按五分钟粒度更新。",
    dataCategory: "public",
    grade: "general",
    rights: ["processing"],
    deliveryModes: ["api"],
    pricingModel: "negotiated",
    priceMin: null,
    priceMax: null,
    sectors: ["transport"],
    regions: ["gz_tianhe"],
    tags: ["交通"],
    updateFrequency: "realtime",
    timeCoverage: "2020-2026",
    fields: [{ name: "road_id", type: "string", meaning: "道路编号" }],
    sampleDescription: null,
    scenario: "交通信号配时优化",
    compliance: { personalInfo: false, legalBasis: null, importantData: false, crossBorder: false, declaration: null },
    contactName: "联系人",
    contactEmail: "data@example.test",
    contactPhone: null,
    externalId: null,
    ...overrides,
  });
}

/** Created, submitted and approved by the secretariat: a published listing. */
export async function publishListing(
  db: Db,
  owner: Actor,
  secretariat: Actor,
  overrides: Partial<Record<keyof ListingInput, unknown>> = {},
  realtime?: Realtime,
) {
  const id = await createListing(db, owner, listingInput(overrides), { submit: true });
  await reviewListing(db, secretariat, id, { decision: "approve", reason: null }, realtime);
  return id;
}
