import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { NOTIFICATION_AREAS, noticeKey, noticeValues, notificationHref, type NotificationArea } from "../core/notification-links";
import { requireUser, type Actor } from "../core/permissions";
import type { MailCadence } from "./account-schema";
import { mailLink, mailLocale, mailT, queueMail } from "./mail.server";

/** A digest lists this many notifications and links to the inbox for the rest. */
export const DIGEST_ITEMS = 20;

export interface MailPreferences {
  cadence: MailCadence;
  /** Areas whose notifications stay in the inbox only. */
  mutedAreas: NotificationArea[];
}

export async function getMailPreferences(db: Kysely<Database>, actor: Actor | null): Promise<MailPreferences> {
  const a = requireUser(actor);
  const row = await db.selectFrom("users").select(["notification_email", "mail_muted_areas"]).where("id", "=", a.id).executeTakeFirstOrThrow();
  return { cadence: row.notification_email, mutedAreas: row.mail_muted_areas.filter(isArea) };
}

const isArea = (v: string): v is NotificationArea => (NOTIFICATION_AREAS as readonly string[]).includes(v);

export async function setMailPreferences(db: Kysely<Database>, actor: Actor | null, prefs: MailPreferences): Promise<void> {
  const a = requireUser(actor);
  const muted = NOTIFICATION_AREAS.filter((area) => prefs.mutedAreas.includes(area));
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select(["notification_email", "mail_muted_areas"])
      .where("id", "=", a.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (before.notification_email === prefs.cadence && before.mail_muted_areas.join() === muted.join()) return;
    await trx.updateTable("users").set({ notification_email: prefs.cadence, mail_muted_areas: muted }).where("id", "=", a.id).execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "user.notification_email",
      entityType: "user",
      entityId: a.id,
      before: { notificationEmail: before.notification_email, mutedAreas: before.mail_muted_areas },
      after: { notificationEmail: prefs.cadence, mutedAreas: muted },
    });
  });
}

interface DueNotification {
  id: string;
  user_id: string;
  kind: string;
  payload: Record<string, unknown>;
  /** In an area the member keeps out of e-mail: marked as handled, not sent (nor sent later). */
  muted: boolean;
}

/**
 * Queues one e-mail per member on this cadence with unread notifications not yet mailed, and marks
 * them mailed in the same transaction (so a notification is mailed once, even with several nodes:
 * rows another run holds are skipped). Only verified addresses receive mail. Returns the number of
 * e-mails queued; the caller flushes the outbox after this commits.
 */
export async function queueNotificationMail(db: Kysely<Database>, cadence: Exclude<MailCadence, "never">, origin: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<DueNotification>`
      with due as (
        select n.id, split_part(n.kind, '.', 1) = any(u.mail_muted_areas) as muted from notifications n join users u on u.id = n.user_id
        where n.read_at is null and n.mailed_at is null
          and u.notification_email = ${cadence} and u.email_verified_at is not null
        order by n.id
        limit 10000
        for update of n skip locked
      )
      update notifications set mailed_at = now() from due where notifications.id = due.id
      returning notifications.id::text as id, notifications.user_id, notifications.kind, notifications.payload, due.muted`.execute(trx);
    if (rows.length === 0) return 0;
    const byUser = new Map<string, DueNotification[]>();
    for (const r of rows.filter((x) => !x.muted)) {
      const mine = byUser.get(r.user_id);
      if (mine) mine.push(r);
      else byUser.set(r.user_id, [r]);
    }
    if (byUser.size === 0) return 0;
    const users = await trx
      .selectFrom("users")
      .select(["id", "email", "display_name", "locale"])
      .where("id", "in", [...byUser.keys()])
      .execute();
    const link = (path: string) => mailLink(origin, path);
    for (const u of users) {
      const notes = (byUser.get(u.id) ?? []).sort((x, y) => Number(y.id) - Number(x.id));
      const locale = mailLocale(u.locale);
      const t = mailT(locale);
      const items = notes.slice(0, DIGEST_ITEMS).map((n) => {
        const values = noticeValues(n.payload, locale);
        const text = t(noticeKey(n.kind, n.payload), { ...values, defaultValue: t(`notification.${n.kind}`, { ...values, defaultValue: n.kind }) });
        const href = notificationHref(n.payload);
        return href ? `• ${text}\n${link(href)}` : `• ${text}`;
      });
      const more = notes.length - items.length;
      await queueMail(trx, {
        to: u.email,
        kind: cadence === "daily" ? "notification_digest" : "notification",
        subject: t(cadence === "daily" ? "mail.digestSubject" : "mail.notifySubject", { count: notes.length }),
        lines: [
          t("mail.greeting", { name: u.display_name }),
          t(cadence === "daily" ? "mail.digestIntro" : "mail.notifyIntro", { count: notes.length }),
          ...items,
          ...(more > 0 ? [t("mail.digestMore", { count: more, url: link("/home#notifications") })] : []),
          t("mail.cadenceFooter", { url: link("/account/notifications") }),
          t("mail.signature"),
        ],
      });
    }
    return users.length;
  });
}
