import type { Generated } from "kysely";
import type { Timestamp } from "./columns";

/** Table shapes of uploaded images (migration 0021). Merged into Database in db/schema.ts. */

export interface ImagesTable {
  id: Generated<string>;
  org_id: string;
  uploaded_by: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  thumb: Uint8Array;
  created_at: Generated<Timestamp>;
}

export interface MediaTables {
  images: ImagesTable;
}
