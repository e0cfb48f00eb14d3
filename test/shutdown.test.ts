import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestDb } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD, makeUser } from "./helpers/fixtures";

describe("graceful shutdown", () => {
  it("finishes the request in flight, drops sockets, refuses new connections and closes the database", async () => {
    const t = await createTestDb();
    const u = await makeUser(t.db);
    const app = await startTestApp(t.db);
    const client = app.client();
    await client.signIn(u.email, PASSWORD);
    const socket = client.socket();
    await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("connect_error", reject));
    const dropped = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    // Close as soon as the request has reached the server, while it is being handled.
    let closing: Promise<void> | null = null;
    app.server.prependOnceListener("request", () => {
      closing = app.close();
    });
    const inFlight = await fetch(`${app.baseUrl}/directory`);
    expect(inFlight.status).toBe(200);
    expect(await inFlight.text()).toContain("</html>");
    await closing;
    expect(await dropped).toBe("io server disconnect");
    await expect(fetch(`${app.baseUrl}/healthz`)).rejects.toThrow();
    await expect(sql`select 1`.execute(t.db)).rejects.toThrow();
    await t.drop().catch(() => {});
  });
});
