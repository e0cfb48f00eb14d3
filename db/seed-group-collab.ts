import type { Db } from "./index";

/** Demo ballots, meetings and channel messages in the demo working group (filled by that capability). */
export async function seedGroupCollab(_db: Db, _groupId: string): Promise<{ summary: string }> {
  return { summary: "" };
}
