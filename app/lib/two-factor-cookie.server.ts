import { serialize } from "cookie";

/** The ticket between the password and the second step: httpOnly, five minutes, then gone. */
export const CHALLENGE_COOKIE = "yaosu_2fa";

export function challengeCookie(ticket: string, secure: boolean): string {
  return serialize(CHALLENGE_COOKIE, ticket, { path: "/", httpOnly: true, sameSite: "lax", secure, maxAge: 5 * 60 });
}

export function clearChallengeCookie(): string {
  return serialize(CHALLENGE_COOKIE, "", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 0 });
}
