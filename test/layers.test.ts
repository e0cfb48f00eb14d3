import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Imports point down: db/ (the Kysely types, migrations, createDb) reads nothing from app/, and the
 * vocabularies below both (db/vocabulary) read nothing at all. The demo seed (db/seed) is the one
 * exception by design: it writes its data through the models, as the app would.
 */
const root = path.resolve(__dirname, "..");
const filesUnder = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));

/** Every module a file names: static imports and re-exports (type-only too), dynamic imports. */
function specifiersIn(text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:^|[\s;}])(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g),
    ...text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return specifiers.map((m) => m[1]);
}
const importsOf = (file: string) => specifiersIn(fs.readFileSync(file, "utf8"));

const reachesApp = (file: string, specifier: string) =>
  specifier.startsWith("~/") || (specifier.startsWith(".") && path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep)[0] === "app");

describe("layers", () => {
  it("db/ imports nothing from app/ (the demo seed aside)", () => {
    const files = filesUnder(path.join(root, "db")).filter((f) => !f.startsWith(path.join(root, "db", "seed") + path.sep));
    expect(files.length).toBeGreaterThan(40);
    const upward = files.flatMap((f) =>
      importsOf(f)
        .filter((s) => reachesApp(f, s))
        .map((s) => `${path.relative(root, f)} -> ${s}`),
    );
    expect(upward).toEqual([]);
  });

  it("db/vocabulary imports nothing at all", () => {
    const files = filesUnder(path.join(root, "db", "vocabulary"));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => importsOf(f).map((s) => `${path.relative(root, f)} -> ${s}`))).toEqual([]);
  });

  it("the scan sees the imports it is meant to refuse", () => {
    const probe = path.join(root, "db", "tables", "probe.ts");
    const sample = [
      'import type {\n  X,\n} from "../../app/models/core/enums";',
      "export { Y } from '~/models/x';",
      'const z = await import("../../app/z");',
      'import { ok } from "../vocabulary/enums";',
    ].join("\n");
    expect(specifiersIn(sample).filter((s) => reachesApp(probe, s))).toHaveLength(3);
  });
});
