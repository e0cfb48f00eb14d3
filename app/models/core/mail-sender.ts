/** The platform's sender when MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = "要素 Yaosu <no-reply@yaosu.local>";

/** Who mail comes from: MAIL_FROM ("Name <address>" or a bare address), else the platform's default. */
export const mailFrom = (configured: string | undefined = process.env.MAIL_FROM): string => configured || DEFAULT_MAIL_FROM;

/** The bare address of a sender ("Name <a@b>" -> a@b), for calendar organisers; the default's when it has none. */
export function senderAddress(from: string = mailFrom()): string {
  const address = /<([^<>@\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? (/^[^<>@\s]+@[^<>\s]+$/.test(from) ? from : null);
  return address ?? /<([^<>]+)>/.exec(DEFAULT_MAIL_FROM)![1];
}
