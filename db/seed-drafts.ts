import type { Db } from "./index";

/** Demo standard drafts in the demo working group (filled by the drafts capability). */
export async function seedDrafts(_db: Db, _groupId: string): Promise<{ summary: string }> {
  return { summary: "" };
}
