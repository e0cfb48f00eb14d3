import { afterEach, describe, expect, it } from "vitest";
import { appOnFreshDb } from "./helpers/app";
import { PASSWORD, makeUser } from "./helpers/fixtures";

const FOOTER = /<footer class="footer">([\s\S]*?)<\/footer>/;

describe("the footer and the privacy, terms and contact pages", () => {
  const t = appOnFreshDb();
  afterEach(() => {
    delete process.env.ICP_NUMBER;
  });

  it("every page's footer links privacy, terms, contact and personal-information reports, in the reader's language", async () => {
    const cases = [
      ["zh-Hans", ["隐私政策", "服务条款", "联系我们"]],
      ["zh-Hant", ["隱私政策", "服務條款", "聯絡我們"]],
      ["en", ["Privacy", "Terms", "Contact"]],
    ] as const;
    for (const [lang, labels] of cases) {
      const c = t.app.client(lang);
      for (const path of ["/", "/listings", "/login", "/no-such-page"]) {
        const footer = FOOTER.exec(await (await c.get(path)).text())?.[1] ?? "";
        for (const href of ["/privacy", "/terms", "/contact", "/reports/personal-info"]) expect(footer, `${lang} ${path}`).toContain(`href="${href}"`);
        for (const label of labels) expect(footer, `${lang} ${path}`).toContain(label);
        expect(footer).not.toContain("ICP");
      }
    }
    const me = await makeUser(t.db);
    const member = t.app.client("en");
    await member.signIn(me.email, PASSWORD);
    expect(FOOTER.exec(await (await member.get("/home")).text())?.[1]).toContain('href="/privacy"');
  });

  it("shows the ICP filing number from ICP_NUMBER, linked to the filing system; an implausible value shows nothing", async () => {
    process.env.ICP_NUMBER = "粤ICP备12345678号-1";
    const zh = FOOTER.exec(await (await t.app.client("zh-Hans").get("/")).text())?.[1] ?? "";
    expect(zh).toContain("ICP 备案号：粤ICP备12345678号-1");
    expect(zh).toContain('href="https://beian.miit.gov.cn/"');
    expect(FOOTER.exec(await (await t.app.client("en").get("/stats")).text())?.[1]).toContain("ICP filing: 粤ICP备12345678号-1");
    process.env.ICP_NUMBER = "<script>";
    expect(FOOTER.exec(await (await t.app.client().get("/")).text())?.[1]).not.toContain("ICP");
  });

  it("the privacy, terms and contact pages open for everyone in three languages", async () => {
    const titles = {
      "zh-Hans": ["隐私政策", "服务条款", "联系我们"],
      "zh-Hant": ["隱私政策", "服務條款", "聯絡我們"],
      en: ["Privacy policy", "Terms of service", "Contact"],
    } as const;
    for (const [lang, [privacy, terms, contact]] of Object.entries(titles)) {
      const c = t.app.client(lang);
      for (const [path, title] of [
        ["/privacy", privacy],
        ["/terms", terms],
        ["/contact", contact],
      ] as const) {
        const res = await c.get(path);
        expect(res.status, `${lang} ${path}`).toBe(200);
        const html = await res.text();
        expect(html).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
        expect(html).not.toMatch(/legal\.(privacy|terms|contact)\./);
      }
      expect(await (await c.get("/privacy")).text()).toContain('href="/reports/personal-info"');
    }
  });
});
