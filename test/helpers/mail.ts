import type { Db } from "../../db/index";

/** The newest mail of a kind sent to an address, as it sits in the outbox. */
export async function lastMail(db: Db, to: string, kind: string) {
  return db
    .selectFrom("mail_outbox")
    .select(["subject", "text_body", "html_body", "sent_at"])
    .where("to_email", "=", to)
    .where("kind", "=", kind)
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/** The first link in a mail's text, as a path with its query (so a test client can follow it). */
export function linkIn(text: string): { path: string; token: string } {
  const url = new URL(/https?:\/\/\S+/.exec(text)![0]);
  return { path: url.pathname + url.search, token: url.searchParams.get("token") ?? "" };
}
