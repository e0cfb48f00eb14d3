import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";

/**
 * JavaScript each page makes the browser download (gzipped): the entry, the root, the route and
 * their shared chunks, plus the page's one language catalog. Read from the build's manifest
 * (`npm test` builds first).
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
  return new Set([manifest.entry.module, ...manifest.entry.imports, manifest.routes.root.module, ...(manifest.routes.root.imports ?? []), route.module, ...(route.imports ?? [])]);
};
const catalogChunk = (locale: string) => {
  const file = fs.readdirSync(path.join(BUILD, "_shared")).find((f) => f.startsWith(`${locale}-`));
  expect(file, `a chunk of its own for ${locale}`).toBeDefined();
  return `/build/_shared/${file}`;
};
const pageKb = (routeId: string, locale = "zh-Hans") => ([...staticFiles(routeId)].reduce((s, f) => s + gz(f), 0) + gz(catalogChunk(locale))) / 1024;

/** Ceilings in kB gzipped: where pages stand now, so growth is a decision, not an accident. */
const LANDING_KB = 125;
const ANY_PAGE_KB = 150;

describe("JavaScript per page", () => {
  it(`the landing page stays within ${LANDING_KB} kB and every page within ${ANY_PAGE_KB} kB, in every language`, () => {
    for (const locale of ["zh-Hans", "zh-Hant", "en"]) {
      expect(pageKb("routes/_index", locale), `landing in ${locale}`).toBeLessThanOrEqual(LANDING_KB);
      for (const id of Object.keys(manifest.routes)) expect(pageKb(id, locale), `${id} in ${locale}`).toBeLessThanOrEqual(ANY_PAGE_KB);
    }
  });

  it("a page loads only its own language: no catalog is in the code every page loads", () => {
    const everywhere = [...staticFiles("routes/_index")].map((f) => fs.readFileSync(path.join("public", f), "utf8")).join("\n");
    // One message in each language, from the same key (search.title).
    for (const text of ["全站搜索", "全站搜尋", "Search everything"]) expect(everywhere.includes(text), text).toBe(false);
    expect(fs.readFileSync(path.join("public", catalogChunk("en")), "utf8")).toContain("Search everything");
  });
});
