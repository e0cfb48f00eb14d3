import type { Db } from "./index";

/** Demo scenarios and the recommended catalog (filled by the scenarios capability). */
export async function seedScenarios(_db: Db): Promise<{ summary: string }> {
  return { summary: "" };
}
