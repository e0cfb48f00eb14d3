import { z } from "zod";
import { choice, optionalText, requiredText } from "../core/zod-fields";
import { bigserialId, uuidParam } from "../core/params";

/**
 * Schemas of ballots, meetings and the group channel, shared by the pages, sockets and tests.
 * Times are typed as local wall-clock time ("2026-12-01T10:00") in an IANA time zone and stored in UTC.
 */
import { VOTE_CHOICES } from "../../../db/vocabulary/standards";

export { VOTE_CHOICES };
export const CHANNEL_PAGE_SIZE = 50;
/** Bytes of UTF-8, not characters: 8 KB of Chinese is ~2,700 characters. */
export const CHANNEL_MESSAGE_MAX_BYTES = 8 * 1024;
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC that `tz` observes at the instant `utcMs`. */
export function offsetMinutes(utcMs: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-12-01T10:00" in `tz` -> the UTC instant, or null if the text is not a valid wall-clock time. */
export function localToUtc(local: string, tz: string): Date | null {
  const m = LOCAL_RE.exec(local.trim());
  if (!m || !isTimeZone(tz)) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  let guess = wall - offsetMinutes(wall, tz) * 60000;
  guess = wall - offsetMinutes(guess, tz) * 60000;
  return new Date(guess);
}

/** The UTC instant shown as wall-clock time in `tz`, for form defaults ("2026-12-01T10:00"). */
export function utcToLocal(date: Date | string, tz: string): string {
  const ms = new Date(date).getTime();
  const local = new Date(ms + offsetMinutes(ms, tz) * 60000);
  return local.toISOString().slice(0, 16);
}

export const timeZoneField = z
  .string({ invalid_type_error: "v.invalid" })
  .trim()
  .nullish()
  .transform((v) => v || DEFAULT_TIME_ZONE)
  .refine(isTimeZone, "collab.errors.timeZone");

const localTime = z
  .string({ required_error: "v.required", invalid_type_error: "v.invalid" })
  .trim()
  .min(1, "v.required")
  .regex(LOCAL_RE, "collab.errors.dateTime");

/** "2/3": a share written as a fraction, at most 1. */
const fraction = z
  .string({ invalid_type_error: "v.invalid" })
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return { num: 2, den: 3 };
    const m = /^(\d{1,3})\s*\/\s*(\d{1,3})$/.exec(v);
    const num = m ? Number(m[1]) : NaN;
    const den = m ? Number(m[2]) : NaN;
    if (!m || den === 0 || num > den) {
      ctx.addIssue({ code: "custom", message: "collab.errors.fraction" });
      return z.NEVER;
    }
    return { num, den };
  });

export const ballotSchema = z
  .object({
    title: requiredText(2, 200),
    description: optionalText(5000),
    draftRef: optionalText(200),
    draftId: optionalText(100),
    closesAt: localTime,
    timeZone: timeZoneField,
    quorum: fraction,
    approval: fraction,
  })
  .transform((v, ctx) => {
    const closesAt = localToUtc(v.closesAt, v.timeZone);
    if (!closesAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "collab.errors.dateTime" });
      return z.NEVER;
    }
    if (v.approval.num === 0) {
      ctx.addIssue({ code: "custom", path: ["approval"], message: "collab.errors.fraction" });
      return z.NEVER;
    }
    return { ...v, closesAt };
  });
export type BallotInput = z.infer<typeof ballotSchema>;

export const voteSchema = z.object({
  choice: choice(VOTE_CHOICES),
  comment: optionalText(1000),
});
export type VoteInput = z.infer<typeof voteSchema>;

/** What the ballot page sends: a vote (its form) or the convenor's early close (a button). */
export const voteFormSchema = voteSchema.extend({ intent: z.literal("vote") });
export const ballotMoveSchema = z.discriminatedUnion("intent", [voteFormSchema, z.object({ intent: z.literal("close") })], {
  errorMap: () => ({ message: "v.invalid" }),
});

const lines = (max: number, each: number) =>
  z
    .string({ invalid_type_error: "v.invalid" })
    .nullish()
    .transform((v, ctx) => {
      const out = (v ?? "")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      if (out.length > max) ctx.addIssue({ code: "custom", message: `v.tooMany.${max}` });
      if (out.some((l) => l.length > each)) ctx.addIssue({ code: "custom", message: `v.tooLong.${each}` });
      return out;
    });

export const meetingSchema = z
  .object({
    title: requiredText(2, 200),
    agenda: optionalText(20000),
    startsAt: localTime,
    endsAt: localTime,
    timeZone: timeZoneField,
    onlineUrl: optionalText(500).refine((v) => v === null || /^https:\/\/[^\s/$.?#][^\s]*$/i.test(v), "collab.errors.https"),
    place: optionalText(300),
  })
  .transform((v, ctx) => {
    const startsAt = localToUtc(v.startsAt, v.timeZone);
    const endsAt = localToUtc(v.endsAt, v.timeZone);
    if (!startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "collab.errors.dateTime" });
    if (!endsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "collab.errors.dateTime" });
    if (startsAt && endsAt && endsAt <= startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "collab.errors.endBeforeStart" });
    if (!v.onlineUrl && !v.place) ctx.addIssue({ code: "custom", path: ["place"], message: "collab.errors.where" });
    if (!startsAt || !endsAt || endsAt <= startsAt || (!v.onlineUrl && !v.place)) return z.NEVER;
    return { ...v, agenda: v.agenda ?? "", startsAt, endsAt };
  });
export type MeetingInput = z.infer<typeof meetingSchema>;

export const minutesSchema = z.object({
  minutes: optionalText(50000),
  draftRefs: lines(30, 200),
  decisions: lines(50, 500),
});
export type MinutesInput = z.infer<typeof minutesSchema>;

export const attendanceSchema = z.object({
  userId: uuidParam.nullish(),
  attended: z.enum(["yes", "no"], { errorMap: () => ({ message: "v.choose" }) }).transform((v) => v === "yes"),
});

/** What the meeting page sends: the minutes (their form) or an attendance mark (a button). */
export const minutesFormSchema = minutesSchema.extend({ intent: z.literal("minutes") });
export const meetingMoveSchema = z.discriminatedUnion("intent", [minutesFormSchema, attendanceSchema.extend({ intent: z.literal("attendance") })], {
  errorMap: () => ({ message: "v.invalid" }),
});

export const channelJoinSchema = z.object({ groupId: uuidParam, afterId: bigserialId.nullish() });
export const channelMessageSchema = z.object({
  groupId: uuidParam,
  body: z.string(),
  /** The client's name for the message, so a replay after a reconnect is recognised. */
  clientId: uuidParam.optional(),
  /** When the member wrote it: a replayed backlog counts against the flood limit by these times. */
  writtenAt: z.string().datetime({ offset: true }).optional(),
});
export const channelHistorySchema = z.object({ groupId: uuidParam, beforeId: bigserialId.nullish() });
export const channelHideSchema = z.object({ groupId: uuidParam, messageId: bigserialId });
