import { expect } from "vitest";
import { totpAt, type HttpClient } from "./app";
import { PASSWORD } from "./fixtures";

/** The key the security page shows for this session's enrolment, if it shows one. */
export const secretOn = (page: string) => /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)?.[1] ?? null;

/** Starts enrolment with the password and reads the key the page now offers this session. */
export async function startEnrolment(c: HttpClient, password = PASSWORD): Promise<string> {
  const started = await c.postData("/account/security", { intent: "start", password });
  expect(started.status).toBe(200);
  const secret = secretOn(await (await c.get("/account/security")).text());
  expect(secret).toBeTruthy();
  return secret!;
}

/** Turns two-factor on through the page, as a member would: password, key, first code. */
export async function enrolThroughPage(c: HttpClient, password = PASSWORD): Promise<{ secret: string; codes: string[] }> {
  const secret = await startEnrolment(c, password);
  const on = await c.postData("/account/security", { intent: "enable", code: totpAt(secret, Date.now()) });
  expect(on.status).toBe(200);
  return { secret, codes: on.body.recoveryCodes as string[] };
}
