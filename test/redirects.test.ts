import { beforeAll, describe, expect, it } from "vitest";
import { safeRedirect } from "../app/lib/http.server";
import { appOnFreshDb, totpAt, totpSecrets } from "./helpers/app";
import { PASSWORD, makeUser } from "./helpers/fixtures";

/** Targets a browser would follow off the site once they are sent as Location (after dot segments and slashes are resolved). */
const HOSTILE = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/./\\evil.example",
  "/a/..//evil.example",
  "/a/b/../..//evil.example",
  "/a/../\\evil.example",
  "/.\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/.\t//evil.example",
  "/\r\n/evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "\\\\evil.example",
  "data:text/html,x",
  " //evil.example",
];

/** Targets that stay on the site, and what is sent for them. */
const LOCAL: Array<[string, string]> = [
  ["/listings", "/listings"],
  ["/listings?q=数据#top", "/listings?q=%E6%95%B0%E6%8D%AE#top"],
  ["/a/../directory", "/directory"],
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/./listings", "/listings"],
  ["/search?next=//evil.example", "/search?next=//evil.example"],
  ["/javascript:alert(1)", "/javascript:alert(1)"],
  ["/javascript:alert(1)//x/..//y", "/javascript:alert(1)///y"],
];

describe("safeRedirect: a next or returnTo is followed only where the browser will stay on the site", () => {
  it.each(HOSTILE)("%j falls back", (target) => {
    expect(safeRedirect(target, "/home")).toBe("/home");
  });

  it.each(LOCAL)("%j is sent as %j", (target, sent) => {
    expect(safeRedirect(target, "/home")).toBe(sent);
  });

  it("whatever comes out resolves to itself on our own origin, never to a path a browser reads as another host", () => {
    for (const target of [...HOSTILE, ...LOCAL.map(([t]) => t)]) {
      const out = safeRedirect(target, "/home");
      expect(out, target).toMatch(/^\/(?![/\\])/);
      const again = new URL(out, "http://site.invalid/");
      expect(again.origin, target).toBe("http://site.invalid");
      expect(again.pathname + again.search + again.hash, target).toBe(out);
    }
  });
});

describe("redirects after sign-in and language change stay on the site", () => {
  const t = appOnFreshDb();
  let email = "";
  beforeAll(async () => {
    email = (await makeUser(t.db)).email;
  });

  const location = (res: Response) => res.headers.get("location");

  it("sign-in with a hostile next lands on /home; with a local one, there", async () => {
    for (const target of ["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/./\\evil.example", "/a/..//evil.example"]) {
      const res = await t.app.client().post(`/login?next=${encodeURIComponent(target)}`, { email, password: PASSWORD });
      expect(res.status, target).toBe(302);
      expect(location(res), target).toBe("/home");
    }
    const ok = await t.app.client().post(`/login?next=${encodeURIComponent("/a/../directory")}`, { email, password: PASSWORD });
    expect(location(ok)).toBe("/directory");
  });

  it("the two-factor step follows the same rule", async () => {
    const staff = await makeUser(t.db, { role: "secretariat" });
    const secret = totpSecrets.get(staff.email.toLowerCase())!;
    const c = t.app.client();
    const first = await c.post(`/login?next=${encodeURIComponent("/..//evil.example")}`, { email: staff.email, password: PASSWORD });
    expect(location(first)).toMatch(/^\/login\/2fa\?next=/);
    let landed: string | null = null;
    // A code works once: whichever of the neighbouring steps' codes is still unused.
    for (const offset of [0, 1, -1]) {
      const second = await c.post(location(first)!, { code: totpAt(secret, Date.now() + offset * 30_000) });
      if (second.status === 302) {
        landed = location(second);
        break;
      }
    }
    expect(landed).toBe("/home");
  });

  it("/lang returns to a local page only", async () => {
    const hostile = await t.app.client().post("/lang", { locale: "en", returnTo: "/a/..//evil.example" });
    expect(location(hostile)).toBe("/");
    const local = await t.app.client().post("/lang", { locale: "en", returnTo: "/listings" });
    expect(location(local)).toBe("/listings");
  });
});
