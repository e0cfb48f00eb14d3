import { z } from "zod";

/**
 * The ICP filing number (ICP备案号) the footer shows, from ICP_NUMBER. Read here, in one place:
 * server/config.ts has no field for it yet (move it there when it gets one). Unset or not a
 * plausible number ("粤ICP备12345678号-1"): no line in the footer.
 */
const icpNumberSchema = z
  .string()
  .trim()
  .min(4)
  .max(64)
  .regex(/^[\p{Script=Han}A-Za-z0-9 -]+$/u);
export function icpNumber(): string | null {
  const parsed = icpNumberSchema.safeParse(process.env.ICP_NUMBER);
  return parsed.success ? parsed.data : null;
}
