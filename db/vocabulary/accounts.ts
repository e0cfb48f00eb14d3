/** Account vocabulary, below both db/ and the models (it imports nothing). */

/** How a member wants unread notifications by e-mail: as they come (batched per minute), once a day, or not at all. */
export const MAIL_CADENCES = ["immediately", "daily", "never"] as const;
export type MailCadence = (typeof MAIL_CADENCES)[number];
