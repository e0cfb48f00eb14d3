/** Domain vocabulary from DESIGN.md, below both db/ and the models (it imports nothing); labels live in the i18n catalogs under enums.<name>.<value>. */
export const ORG_TYPES = ["government", "enterprise", "university", "research", "investor", "user", "service_provider"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const REGIONS = [
  "gz_yuexiu",
  "gz_haizhu",
  "gz_tianhe",
  "gz_baiyun",
  "gz_huangpu",
  "gz_panyu",
  "gz_huadu",
  "gz_liwan",
  "gz_conghua",
  "gz_zengcheng",
  "nansha",
  "gba",
  "hong_kong",
  "macau",
  "mainland",
  "overseas",
] as const;
export type Region = (typeof REGIONS)[number];

/** Mainland organisations carry a unified social credit code; Hong Kong, Macau and overseas ones do not. */
export const REGIONS_WITHOUT_CREDIT_CODE: readonly Region[] = ["hong_kong", "macau", "overseas"];

export const PLATFORM_ROLES = ["member", "secretariat", "moderator"] as const;
export const ORG_ROLES = ["owner", "admin", "member"] as const;
export const INVITABLE_ROLES = ["admin", "member"] as const;
export const ORG_STATUSES = ["pending", "approved", "rejected"] as const;
export const INVITATION_STATUSES = ["pending", "accepted", "revoked"] as const;
export const TOKEN_PURPOSES = ["verify_email", "reset_password"] as const;
export const INTRODUCTION_STATUSES = ["pending", "accepted", "declined"] as const;

export const LISTING_KINDS = ["supply", "demand"] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
export const LISTING_STATUSES = ["draft", "pending_review", "published", "closed", "withdrawn"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const DATA_CATEGORIES = ["public", "enterprise", "personal"] as const;
export const DATA_GRADES = ["core", "important", "general"] as const;
export const RIGHTS = ["holding", "processing", "operation"] as const;
export const DELIVERY_MODES = ["dataset", "api", "privacy_computing", "model", "verification", "sandbox", "report"] as const;
/** "原始数据不出域、数据可用不可见": these modes keep raw data in its domain. */
export const IN_DOMAIN_DELIVERY: readonly string[] = ["api", "privacy_computing", "model", "verification", "sandbox", "report"];
export const PRICING_MODELS = ["free", "government_guided", "negotiated", "fixed", "subscription", "usage"] as const;
export const SECTORS = [
  "industry",
  "agriculture",
  "construction",
  "transport",
  "health",
  "city_management",
  "finance",
  "education",
  "commerce",
  "energy",
  "culture_tourism",
  "other",
] as const;
export const UPDATE_FREQUENCIES = ["realtime", "daily", "weekly", "monthly", "quarterly", "yearly", "once"] as const;
export const MATCH_STATUSES = ["suggested", "interested", "negotiating", "agreed", "declined"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const STANDARD_TYPES = ["group", "industry", "local", "national"] as const;
export const GROUP_ROLES = ["convenor", "editor", "member", "observer"] as const;
export const GROUP_STATUSES = ["active", "closed"] as const;
export const GROUP_MEMBER_STATUSES = ["pending", "active", "declined"] as const;
export const BALLOT_STATUSES = ["open", "closed"] as const;
export const BALLOT_RESULTS = ["passed", "failed"] as const;
export const EDITION_STATUSES = ["draft", "published"] as const;
export type GroupRoleName = (typeof GROUP_ROLES)[number];
