/** Domain vocabulary from DESIGN.md; labels live in the i18n catalogs under enums.<name>.<value>. */
export const ORG_TYPES = ["government", "enterprise", "university", "research", "investor", "user", "service_provider"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const REGIONS = [
  "gz_yuexiu", "gz_haizhu", "gz_tianhe", "gz_baiyun", "gz_huangpu", "gz_panyu", "gz_huadu",
  "gz_liwan", "gz_conghua", "gz_zengcheng", "nansha", "gba", "hong_kong", "macau", "mainland", "overseas",
] as const;
export type Region = (typeof REGIONS)[number];

/** Mainland organisations carry a unified social credit code; Hong Kong, Macau and overseas ones do not. */
export const REGIONS_WITHOUT_CREDIT_CODE: readonly Region[] = ["hong_kong", "macau", "overseas"];

export const PLATFORM_ROLES = ["member", "secretariat", "moderator"] as const;
export const ORG_ROLES = ["owner", "admin", "member"] as const;
export const INVITABLE_ROLES = ["admin", "member"] as const;
export const ORG_STATUSES = ["pending", "approved", "rejected"] as const;
