import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { sql } from "kysely";
import type { Db } from "../db/index";
import { applyForMembership } from "../app/models/accounts/organisations.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD, application, makeUser } from "./helpers/fixtures";
import { connected, nextEvent } from "./helpers/sockets";
import { SOCKET_UNAVAILABLE } from "../app/lib/socket";

describe("realtime notifications over Socket.IO", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    db = t.db;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  it("refuses a socket without a session, or with a forged one", async () => {
    const anon = app.client().socket();
    sockets.push(anon);
    await expect(connected(anon)).rejects.toThrow("unauthorized");
    const forged = app.client();
    forged.cookies.set("yaosu_session", "forged-session-id");
    const s = forged.socket();
    sockets.push(s);
    await expect(connected(s)).rejects.toThrow("unauthorized");
  });

  it("a handshake whose session cannot be read says 'unavailable' (worth a retry), and the same socket connects once it can", async () => {
    const person = await makeUser(db);
    const c = app.client();
    await c.signIn(person.email, PASSWORD);
    // The sessions table out of reach, as when the database is away or too slow to answer.
    await sql`alter table sessions rename to sessions_away`.execute(db);
    const s = c.socket();
    sockets.push(s);
    try {
      await expect(connected(s)).rejects.toThrow(SOCKET_UNAVAILABLE);
    } finally {
      await sql`alter table sessions_away rename to sessions`.execute(db);
    }
    s.connect();
    await connected(s);
    expect(s.connected).toBe(true);
  });

  it("the applicant's open tab receives the approval the moment the secretariat decides, and no one else does", async () => {
    const applicant = await makeUser(db);
    const bystander = await makeUser(db);
    const staff = await makeUser(db, { role: "secretariat" });
    const orgId = await applyForMembership(db, await applicant.actor(), application() as never);

    const applicantClient = app.client();
    await applicantClient.signIn(applicant.email, PASSWORD);
    const bystanderClient = app.client();
    await bystanderClient.signIn(bystander.email, PASSWORD);
    const a = applicantClient.socket();
    const b = bystanderClient.socket();
    sockets.push(a, b);
    await Promise.all([connected(a), connected(b)]);

    const bystanderGot: unknown[] = [];
    b.on("notification", (n) => bystanderGot.push(n));
    const received = nextEvent(a, "notification");

    const staffClient = app.client();
    await staffClient.signIn(staff.email, PASSWORD);
    const res = await staffClient.postData("/admin/review", { orgId, decision: "approve" });
    expect(res.status).toBe(200);

    const note = await received;
    expect(note).toMatchObject({ kind: "organisation.approved", payload: { orgId } });
    // Stored before it was sent: the id in the message is a row in the inbox.
    const row = await db.selectFrom("notifications").select("user_id").where("id", "=", note.id).executeTakeFirst();
    expect(row?.user_id).toBe(applicant.id);
    // A round trip on the bystander's socket: anything sent to it before would have arrived first.
    await new Promise((resolve) => b.emit("group:join", { groupId: "not-a-uuid" }, resolve));
    expect(bystanderGot).toEqual([]);
  });
});
