import type { Db } from "./index";

/** Demo enterprise and investor profiles, watchlists (filled by the profiles capability). */
export async function seedProfiles(_db: Db): Promise<{ summary: string }> {
  return { summary: "" };
}
