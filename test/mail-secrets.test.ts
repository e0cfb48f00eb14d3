import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetPasswordMail } from "../app/models/accounts/account-mail.server";
import { consoleMail, createMailer, listOutbox, queueMail } from "../app/models/accounts/mail.server";
import { issueToken } from "../app/models/accounts/tokens.server";
import { redactSecrets } from "../app/models/core/redact";
import { requestLog } from "../server/request-log";
import { createLogger } from "../server/log";
import { appOnFreshDb } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { lastMail, linkIn } from "./helpers/mail";

describe("staff never read a live link: the outbox page shows mail with tokens cut out", () => {
  const t = appOnFreshDb();

  it("a reset link in the outbox is redacted on /admin/outbox and in listOutbox, and still works for its owner", async () => {
    const owner = await makeUser(t.db);
    const staff = await makeUser(t.db, { role: "secretariat" });
    expect((await t.app.client().post("/forgot-password", { email: owner.email })).status).toBe(200);
    // The mail as it left (the owner's copy): its link is live.
    const sent = (await lastMail(t.db, owner.email, "reset_password"))!;
    const { token, path } = linkIn(sent.text_body);
    expect(token.length).toBeGreaterThan(20);

    const c = t.app.client("en");
    await c.signIn(staff.email, PASSWORD);
    const page = await c.get("/admin/outbox");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(owner.email);
    expect(html).toContain("reset-password?token=[redacted]");
    expect(html).not.toContain(token);

    const rows = await listOutbox(t.db, { limit: 200 });
    expect(rows.some((m) => m.to_email === owner.email && m.kind === "reset_password")).toBe(true);
    for (const m of rows) expect(m.text_body).not.toMatch(/[?&](token|code|key)=(?!\[redacted\])/);

    // The owner's own link is untouched by the redaction.
    expect((await t.app.client().get(path)).status).toBe(200);
  });
});

describe("the console prints live links only in development", () => {
  const t = dbForSuite();
  let token = "";
  let to = "";
  beforeAll(async () => {
    const u = await makeUser(t.db);
    to = u.email;
    token = await issueToken(t.db, "reset_password", { id: (await u.actor()).id, email: to });
    await queueMail(t.db, resetPasswordMail({ origin: "http://localhost:3000", locale: "en" }, to, "x", token));
  });

  it("in production the printed mail has its token cut out; in development it is printed as sent", async () => {
    const printed: string[] = [];
    await createMailer(
      t.db,
      "",
      "x <x@yaosu.test>",
      consoleMail("production", (s) => printed.push(s)),
    ).flush();
    const ours = printed.filter((p) => p.includes(to));
    expect(ours.length).toBeGreaterThan(0);
    for (const p of ours) expect(p).not.toMatch(/[?&]token=(?!\[redacted\])/);
    expect(ours.some((p) => p.includes("/reset-password?token=[redacted]"))).toBe(true);
    expect(printed.join("\n")).not.toContain(token);
    const dev: string[] = [];
    consoleMail("development", (s) => dev.push(s))(`link http://localhost/reset-password?token=${token}`);
    expect(dev[0]).toContain(token);
    const test: string[] = [];
    consoleMail("test", (s) => test.push(s))(`link http://localhost/reset-password?token=${token}`);
    expect(test[0]).not.toContain(token);
  });
});

describe("the request log never writes a token", () => {
  let server: ReturnType<ReturnType<typeof express>["listen"]>;
  const lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let base = "";
  beforeAll(async () => {
    const app = express();
    app.use(
      requestLog(
        createLogger({
          destination: {
            write: (l: string) => {
              lines.push(l);
              waiting?.(l);
            },
          },
        }),
      ),
    );
    app.get("*", (_req, res) => res.send("ok"));
    await new Promise<void>((resolve) => (server = app.listen(0, "127.0.0.1", resolve)));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("token, code and key parameters are cut from logged URLs; other parameters stay", async () => {
    const secret = "s3cr3tT0k3nValue_abcdefghijklmnop";
    for (const path of [`/reset-password?token=${secret}`, `/verify-email?next=%2Fhome&token=${secret}`, `/x?code=${secret}&key=${secret}&q=data`]) {
      // The line is written when the response has finished: wait for the line itself.
      const logged = new Promise<string>((resolve) => (waiting = resolve));
      await (await fetch(base + path)).text();
      const line = await logged;
      expect(line).toContain(path.split("?")[0]);
      expect(line).not.toContain(secret);
      expect(line).toContain("=[redacted]");
    }
    expect(lines.at(-1)).toContain("q=data");
  });

  it("redactSecrets leaves look-alike parameter names alone", () => {
    expect(redactSecrets("/x?apikey=1&tokens=2&mykey=3")).toBe("/x?apikey=1&tokens=2&mykey=3");
    expect(redactSecrets("/x?TOKEN=abc#frag")).toBe("/x?TOKEN=[redacted]#frag");
  });
});
