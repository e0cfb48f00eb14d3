import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES, getT } from "../app/i18n";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../db/seed/index";
import { LISTING_STATUSES } from "../app/models/core/enums";
import { SCENARIO_STAGES } from "../app/models/scenarios/scenario-schema";
import { demoAppForSuite } from "./helpers/demo";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const sources = () => [...files("app/models"), ...files("server")].map((f) => fs.readFileSync(f, "utf8"));

/** Every action the code records, literal or built from a vocabulary. */
function recordedActions(): string[] {
  const actions = new Set<string>();
  for (const src of sources()) for (const m of src.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) actions.add(m[1]);
  for (const s of LISTING_STATUSES) actions.add(`listing.${s}`);
  for (const s of SCENARIO_STAGES) actions.add(`scenario.${s}`);
  for (const s of ["accept", "decline", "agree"]) actions.add(`match.${s}`);
  for (const s of ["accepted", "declined"]) actions.add(`introduction.${s}`).add(`group.join_${s}`);
  for (const s of ["approved", "rejected"]) actions.add(`organisation.${s}`);
  return [...actions];
}

describe("audit log in words", () => {
  it("every recorded action and kind of record has a label in every language", () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(50);
    for (const locale of LOCALES) {
      const t = getT(locale);
      const missing = actions.filter((a) => t(`auditLog.actions.${a}`) === `auditLog.actions.${a}`);
      expect(missing, locale).toEqual([]);
      const types = new Set(sources().flatMap((src) => [...src.matchAll(/entityType: "([a-z_]+)"/g)].map((m) => m[1])));
      expect(types.size).toBeGreaterThan(10);
      for (const type of types) {
        expect(t(`auditLog.entities.${type}`), `${locale} ${type}`).not.toBe(`auditLog.entities.${type}`);
      }
    }
  });

  describe("the page", () => {
    const site = demoAppForSuite();

    it("shows actions and records by name, changes field by field, and links to the record", async () => {
      const client = site().app.client();
      await client.signIn(SECRETARIAT_EMAIL, DEMO_PASSWORD);
      const html = await (await client.get("/admin/audit?entity=listing")).text();
      const table = html.slice(html.indexOf('data-testid="audit"'), html.indexOf("</table>")).replaceAll("<!-- -->", "");
      expect(table).toContain("审核通过并发布");
      expect(table).not.toMatch(/<td[^>]*>listing\.published</);
      expect(table).toMatch(/status<\/span>: pending_review → published/);
      expect(table).toMatch(/href="\/listings\/[0-9a-f-]{36}"/);
      expect(html).toMatch(/<option value="listing"[^>]*>供需信息<\/option>/);

      await client.post("/lang", { locale: "en", returnTo: "/admin/audit" });
      const en = await (await client.get("/admin/audit?entity=listing")).text();
      expect(en).toContain("Approved and published");
    });
  });
});
