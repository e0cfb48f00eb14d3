import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrations } from "../db/migrations/index";

/**
 * Migrations are append-only: a database migrated at an earlier commit never runs an edited file
 * again. `db/migrations/landed.sha256` records every landed migration; a new one adds its line
 * (sha256sum output), an edit to an old one fails here.
 */
const DIR = "db/migrations";
const landed = fs
  .readFileSync(path.join(DIR, "landed.sha256"), "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split(/\s+/) as [string, string]);

describe("landed migrations", () => {
  it("are unchanged, and every migration file is recorded and registered", () => {
    for (const [hash, file] of landed) {
      const now = crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(DIR, file)))
        .digest("hex");
      expect(now, `${file} was edited after it landed: add a new migration instead`).toBe(hash);
    }
    const files = fs.readdirSync(DIR).filter((f) => /^\d{4}_.*\.ts$/.test(f));
    expect(files.sort()).toEqual(landed.map(([, f]) => f).sort());
    expect(Object.keys(migrations).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, "")).sort());
  });
});
