import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES, catalogs, detectLocale, getT, translateKey } from "../app/i18n";

function keysOf(obj: unknown, prefix = ""): string[] {
  if (typeof obj === "string") return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "locales" ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe("message catalogs", () => {
  // Plural forms belong to each language (English has _one/_other, Chinese none): compare the base keys.
  const base = (keys: string[]) => new Set(keys.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")));
  const reference = base(keysOf(catalogs["zh-Hans"]));

  it.each(LOCALES)("%s has exactly the keys of the Simplified catalog, none empty", (locale) => {
    const keys = keysOf(catalogs[locale]);
    expect(base(keys)).toEqual(reference);
    for (const k of keys) expect(getT(locale)(k), `${locale}:${k}`).not.toBe("");
  });

  it("every literal key used in the code exists in every catalog", () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles("app"), ...sourceFiles("server")]) {
      const src = fs.readFileSync(file, "utf8");
      for (const m of src.matchAll(/\bt\(\s*"([a-zA-Z_.]+)"/g)) used.add(m[1]);
      for (const m of src.matchAll(/"((?:v|errors)\.[a-zA-Z]+)(?:\.\d+)?"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !reference.has(k));
    expect(missing).toEqual([]);
  });

  it("Traditional and English differ from Simplified where the language differs", () => {
    expect(getT("zh-Hant")("landing.heroTitle")).toBe("讓數據要素流動起來");
    expect(getT("en")("nav.directory")).toBe("Members");
  });

  it("numbers in validation keys become the {{n}} parameter", () => {
    expect(translateKey(getT("en"), "v.tooLong.80")).toBe("At most 80 characters");
    expect(translateKey(getT("zh-Hans"), "v.tooShort.2")).toBe("至少需要 2 个字符");
  });
});

describe("language detection", () => {
  it("prefers the cookie, then Accept-Language by weight, then Simplified", () => {
    expect(detectLocale("en", "zh-HK")).toBe("en");
    expect(detectLocale(undefined, "zh-HK,zh;q=0.8")).toBe("zh-Hant");
    expect(detectLocale(undefined, "zh-MO")).toBe("zh-Hant");
    expect(detectLocale(undefined, "fr-FR;q=0.9, en;q=0.8")).toBe("en");
    // q=0 refuses a language; an explicit script outranks the region; a saved choice outranks the browser.
    expect(detectLocale(undefined, "fr, en;q=0")).toBe("zh-Hans");
    expect(detectLocale(undefined, "zh-Hans-HK")).toBe("zh-Hans");
    expect(detectLocale(undefined, "zh-Hant-CN")).toBe("zh-Hant");
    expect(detectLocale(undefined, "zh-CN", "en")).toBe("en");
    expect(detectLocale("zh-Hant", "zh-CN", "en")).toBe("zh-Hant");
    expect(detectLocale(undefined, "en;q=0.3, zh-CN;q=0.9")).toBe("zh-Hans");
    expect(detectLocale("klingon", null)).toBe("zh-Hans");
  });
});
