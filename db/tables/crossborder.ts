import type { Timestamp } from "./columns";
import type { DIRECTIONS, EXEMPTIONS, RECIPIENT_KINDS, ROUTES } from "../vocabulary/crossborder";

/** Table shapes of cross-border declarations (migration 0037). Merged into Database in db/schema.ts. */

type OneOf<T extends readonly unknown[]> = T[number];

/** One listing's cross-border declaration, with the route the platform worked out from it when it was saved. */
export interface CrossborderDeclarationsTable {
  listing_id: string;
  direction: OneOf<typeof DIRECTIONS>;
  personal_info: boolean;
  people: number;
  sensitive_people: number;
  important_data: boolean;
  research_data: boolean;
  ciio: boolean;
  processor_in_gba: boolean;
  exemption: OneOf<typeof EXEMPTIONS> | null;
  recipient_kind: OneOf<typeof RECIPIENT_KINDS>;
  purpose: string;
  route: OneOf<typeof ROUTES>;
  updated_at: Timestamp;
}

export interface CrossborderTables {
  crossborder_declarations: CrossborderDeclarationsTable;
}
