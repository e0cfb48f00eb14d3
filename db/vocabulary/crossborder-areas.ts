/**
 * The six areas of mutual recognition of data the policy names for the Nansha cross-border pilot
 * (item 二十): business registration, social credit, social insurance, food safety, health care and
 * product tracing. A scenario tagged with one or more is a cross-border scenario (migration 0039).
 */
export const CROSSBORDER_AREAS = ["business_registration", "social_credit", "social_insurance", "food_safety", "health_care", "product_tracing"] as const;
export type CrossBorderArea = (typeof CROSSBORDER_AREAS)[number];
