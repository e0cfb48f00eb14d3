import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "../app/i18n";
import { SHELL_ONLY, needsRest } from "../app/i18n/catalog-parts";
import { catalogFile } from "../app/i18n/catalog-files.server";

/**
 * JavaScript each page makes the browser download (gzipped): the entry, the root, the route and
 * their shared chunks, plus the parts of its one language's catalog it loads (the shell, and the
 * rest unless the route is SHELL_ONLY). Read from the build's manifest (`npm test` builds first).
 */
const BUILD = "public/build";
const manifestFile = fs.readdirSync(BUILD).find((f) => f.startsWith("manifest-"))!;
const source = fs.readFileSync(path.join(BUILD, manifestFile), "utf8");
const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};
const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join("public", file))).length;
const staticFiles = (routeId: string) => {
  const route = manifest.routes[routeId];
  return new Set([
    manifest.entry.module,
    ...manifest.entry.imports,
    manifest.routes.root.module,
    ...(manifest.routes.root.imports ?? []),
    route.module,
    ...(route.imports ?? []),
  ]);
};
/** A route's handle as its source declares it (importing every route would load the server code too). */
const handleOf = (routeId: string) => (/export const handle = SHELL_ONLY;/.test(fs.readFileSync(`app/${routeId}.tsx`, "utf8")) ? SHELL_ONLY : undefined);
const catalogKb = async (routeId: string, locale: Locale) => {
  const parts = needsRest([handleOf(routeId)]) ? (["shell", "rest"] as const) : (["shell"] as const);
  return parts.reduce((s, part) => s + zlib.gzipSync(catalogFile(locale, part).body).length, 0) / 1024;
};
const pageKb = async (routeId: string, locale: Locale = "zh-Hans") =>
  [...staticFiles(routeId)].reduce((s, f) => s + gz(f), 0) / 1024 + (await catalogKb(routeId, locale));

/** Ceilings in kB gzipped: where pages stand now, so growth is a decision, not an accident. */
const LANDING_KB = 100;
// 150 -> 160 with the trust half (issue 28): its catalogue sections (disputes, moderation, consent,
// credit) joined the "rest" part every full page loads, and the dispute page carries a live room
// and five forms. Loading a capability's messages only on its own pages is the next step down.
const ANY_PAGE_KB = 160;

describe("JavaScript per page", () => {
  it(`the landing page stays within ${LANDING_KB} kB and every page within ${ANY_PAGE_KB} kB, in every language`, async () => {
    for (const locale of LOCALES) {
      expect(await pageKb("routes/_index", locale), `landing in ${locale}`).toBeLessThanOrEqual(LANDING_KB);
      for (const id of Object.keys(manifest.routes)) if (id !== "root") expect(await pageKb(id, locale), `${id} in ${locale}`).toBeLessThanOrEqual(ANY_PAGE_KB);
    }
  });

  it("a page loads only its own language: no catalog is in the code every page loads", () => {
    const everywhere = [...staticFiles("routes/_index")].map((f) => fs.readFileSync(path.join("public", f), "utf8")).join("\n");
    // One message in each language, from the same key (search.title).
    for (const text of ["全站搜索", "全站搜尋", "Search everything"]) expect(everywhere.includes(text), text).toBe(false);
    expect(catalogFile("en", "rest").body).toContain("Search everything");
  });
});
