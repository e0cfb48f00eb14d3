import { z } from "zod";
import { INVITABLE_ROLES, ORG_ROLES, ORG_TYPES, REGIONS, REGIONS_WITHOUT_CREDIT_CODE } from "../core/enums";
import { isValidCreditCode, normaliseCreditCode } from "./credit-code";
import { choice, filterChoice, pageNumber } from "../core/zod-fields";

/**
 * One schema per action, shared by the form, the action and (later) the JSON API. Messages are
 * i18n keys; the route translates them into the user's language.
 */
const text = (min: number, max: number) =>
  z
    .string({ required_error: "v.required", invalid_type_error: "v.required" })
    .trim()
    .min(min, min <= 1 ? "v.required" : `v.tooShort.${min}`)
    .max(max, `v.tooLong.${max}`);

const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: "v.invalid" })
    .trim()
    .max(max, `v.tooLong.${max}`)
    .optional()
    .transform((v) => (v ? v : undefined));

const email = z
  .string({ required_error: "v.required", invalid_type_error: "v.required" })
  .trim()
  .min(1, "v.required")
  .max(254, "v.tooLong.254")
  .email("v.email")
  .transform((v) => v.toLowerCase());

export const signUpSchema = z.object({
  email,
  displayName: text(1, 80),
  password: z.string({ required_error: "v.required", invalid_type_error: "v.required" }).min(10, "v.passwordShort").max(128, "v.tooLong.128"),
});

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "v.required" }).min(1, "v.required").max(128, "v.tooLong.128"),
});

export const orgApplicationSchema = z
  .object({
    type: choice(ORG_TYPES),
    nameZh: text(2, 100),
    nameEn: optionalText(200),
    region: choice(REGIONS),
    creditCode: optionalText(18).transform((v) => (v ? normaliseCreditCode(v) : undefined)),
    contactName: text(1, 80),
    contactEmail: email,
    contactPhone: optionalText(40).refine((v) => !v || /^[+\d][\d\s-]{4,39}$/.test(v), "v.phone"),
    description: text(10, 2000),
  })
  .superRefine((v, ctx) => {
    const needsCode = !REGIONS_WITHOUT_CREDIT_CODE.includes(v.region);
    if (needsCode && !v.creditCode) {
      ctx.addIssue({ code: "custom", path: ["creditCode"], message: "v.creditCodeRequired" });
    } else if (v.creditCode && !isValidCreditCode(v.creditCode)) {
      ctx.addIssue({ code: "custom", path: ["creditCode"], message: "v.creditCode" });
    }
  });

export const reviewSchema = z
  .object({
    orgId: z.string().uuid("v.invalid"),
    decision: z.enum(["approve", "reject"], { errorMap: () => ({ message: "v.choose" }) }),
    reason: optionalText(500),
  })
  .refine((v) => v.decision === "approve" || !!v.reason, { path: ["reason"], message: "v.reasonRequired" });

export const inviteSchema = z.object({ email, role: choice(INVITABLE_ROLES) });
export const changeRoleSchema = z.object({ userId: z.string().uuid("v.invalid"), role: choice(ORG_ROLES) });
export const memberRefSchema = z.object({ userId: z.string().uuid("v.invalid") });
export const idSchema = z.object({ id: z.string().uuid("v.invalid") });
export const apiKeyNameSchema = z.object({ name: text(1, 60) });
/** What the API-keys page sends: a new key's name (its form) or a revocation (a button on a key's row). */
export const apiKeyFormSchema = apiKeyNameSchema.extend({ intent: z.literal("create") });
export const apiKeyMoveSchema = z.discriminatedUnion("intent", [apiKeyFormSchema, idSchema.extend({ intent: z.literal("revoke") })], {
  errorMap: () => ({ message: "v.invalid" }),
});

export const directoryQuerySchema = z.object({
  q: optionalText(100),
  type: filterChoice(ORG_TYPES),
  region: filterChoice(REGIONS),
  page: pageNumber(1000),
});

export { MAIL_CADENCES, type MailCadence } from "../../../db/vocabulary/accounts";
