import http from "node:http";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { MAX_IMAGE_BYTES } from "../app/models/media/image-paths";
import { prepareImage, prepareUploads } from "../app/models/media/images.server";
import { appOnFreshDb, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";

const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } });

/** The refusal's message key, or null when it passed. */
async function refusal(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: { messageKey?: string; status?: number }) => `${e.status} ${e.messageKey}`,
  );
}

describe("uploaded images: decoded, checked, resized, stripped", () => {
  it("re-encodes a large photo as WebP at display size and as a thumbnail", async () => {
    const jpeg = await picture(3000, 2000).jpeg().toBuffer();
    const img = await prepareImage(jpeg, "f");
    expect([img.width, img.height]).toEqual([1600, 1067]);
    const full = await sharp(img.bytes).metadata();
    const thumb = await sharp(img.thumb).metadata();
    expect([full.format, full.width]).toEqual(["webp", 1600]);
    expect([thumb.format, thumb.width, thumb.height]).toEqual(["webp", 480, 320]);
  });

  it("turns a photo upright by its EXIF orientation and keeps no metadata", async () => {
    // Orientation 6: the camera was turned; the stored pixels are landscape, the photo is portrait.
    const jpeg = await picture(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const img = await prepareImage(jpeg, "f");
    expect([img.width, img.height]).toEqual([200, 300]);
    const out = await sharp(img.bytes).metadata();
    expect(out.exif).toBeUndefined();
    expect(out.orientation).toBeUndefined();
  });

  it("leaves small images their size", async () => {
    const img = await prepareImage(await picture(320, 180).png().toBuffer(), "f");
    expect([img.width, img.height]).toEqual([320, 180]);
  });

  it("refuses what is not an accepted image, whatever it claims to be", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const jpeg = await picture(400, 300).jpeg().toBuffer();
    expect(await refusal(prepareImage(Buffer.from("just text, named photo.png"), "f"))).toBe("400 media.errors.notImage");
    expect(await refusal(prepareImage(svg, "f"))).toBe("400 media.errors.notImage");
    expect(await refusal(prepareImage(jpeg.subarray(0, 200), "f"))).toBe("400 media.errors.notImage");
    expect(await refusal(prepareImage(new Uint8Array(0), "f"))).toBe("400 media.errors.empty");
    // 7,000 × 7,000 = 49 megapixels, a few kB as a flat PNG: refused for its size, not as "not an image".
    const huge = await picture(7000, 7000).png({ compressionLevel: 9 }).toBuffer();
    expect(huge.byteLength).toBeLessThan(MAX_IMAGE_BYTES);
    expect(await refusal(prepareImage(huge, "f"))).toBe("400 media.errors.tooManyPixels");
    expect(await refusal(prepareImage(new Uint8Array(MAX_IMAGE_BYTES + 1), "f"))).toBe("400 media.errors.tooLarge");
    expect(await refusal(prepareUploads([jpeg, jpeg], 5, 6, "f"))).toBe("400 media.errors.tooMany");
    expect(await refusal(prepareUploads([jpeg], 5, 6, "f"))).toBeNull();
  });
});

describe("scenario images over HTTP", () => {
  const site = appOnFreshDb();
  let db: Db;
  let app: ReturnType<typeof appOnFreshDb>["app"];
  let owner: { email: string; actor: () => Promise<Actor> };
  let rival: { email: string };
  let png: Buffer;
  beforeAll(async () => {
    ({ db, app } = site);
    const staff = await (await makeUser(db, { role: "secretariat" })).actor();
    owner = (await makeApprovedOrg(db, staff)).owner;
    rival = (await makeApprovedOrg(db, staff, { type: "research" })).owner;
    png = await picture(1200, 800).png().toBuffer();
  });

  async function signedIn(who: { email: string }, lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  /** The scenario form as a browser sends it with files: multipart. */
  function scenarioForm(fields: Record<string, string | string[]>, files: { name: string; data: Uint8Array; type: string }[] = []) {
    const body = new FormData();
    const base = {
      title: "台风季港口作业调度",
      sector: "transport",
      region: "nansha",
      problem: "台风季港区作业需要结合气象与船期数据调整堆场和泊位计划。",
      deliveryModes: ["api"],
      results: "",
    };
    for (const [k, v] of Object.entries({ ...base, ...fields })) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    for (const f of files) body.append("imageFiles", new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
    return body;
  }

  it("a member uploads a photo with a new scenario; pages show our own thumbnail and the file is served from our origin", async () => {
    const c = await signedIn(owner);
    const res = await c.request("/scenarios/new", { method: "POST", body: scenarioForm({}, [{ name: "port.png", data: png, type: "image/png" }]) });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").pop()!;
    const html = await (await app.client("en").get(`/scenarios/${id}`)).text();
    const m = /src="(\/images\/([0-9a-f-]{36})-thumb\.webp)"/.exec(html);
    expect(m).not.toBeNull();
    expect(html).toContain(`href="/images/${m![2]}.webp"`);
    expect(html).not.toMatch(/src="https?:/);
    const full = await app.client("en").get(`/images/${m![2]}.webp`);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("image/webp");
    expect(full.headers.get("cache-control")).toContain("immutable");
    expect((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).width).toBe(1200);
    const thumb = await app.client("en").get(m![1]);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(480);
    const list = await (await app.client("en").get("/scenarios")).text();
    expect(list).toContain(m![1]);

    // Editing: unticking the image removes it from the scenario.
    const edit = await c.request(`/scenarios/${id}/edit`, { method: "POST", body: scenarioForm({}) });
    expect(edit.status).toBe(302);
    expect((await db.selectFrom("scenarios").select("image_urls").where("id", "=", id).executeTakeFirstOrThrow()).image_urls).toEqual([]);

    // Another organisation cannot put our image on its scenario by naming it.
    const other = await signedIn(rival);
    const stolen = await other.request(`/scenarios/new?_data=${encodeURIComponent("routes/scenarios.new")}`, {
      method: "POST",
      body: scenarioForm({ imageUrls: `/images/${m![2]}.webp` }),
    });
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as { fieldErrors: Record<string, string> }).fieldErrors.imageUrls).toBe(
      "Upload the image instead of linking to another site",
    );
  });

  it("a file that is not an image gets a 400 in the user's language and nothing is stored", async () => {
    const c = await signedIn(owner, "zh-CN");
    const before = await db.selectFrom("images").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await c.request(`/scenarios/new?_data=${encodeURIComponent("routes/scenarios.new")}`, {
      method: "POST",
      body: scenarioForm({ title: "不应保存的场景" }, [
        { name: "ok.png", data: png, type: "image/png" },
        { name: "evil.png", data: Buffer.from("<?php echo 1; ?>"), type: "image/png" },
      ]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body.fieldErrors.imageFiles).toBe("该文件不是 JPEG、PNG、WebP 或 GIF 图片");
    expect(body.values.title).toBe("不应保存的场景");
    const after = await db.selectFrom("images").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await db.selectFrom("scenarios").select("id").where("title", "=", "不应保存的场景").executeTakeFirst()).toBeUndefined();
  });

  it("a 49-megapixel PNG is refused for its size, said once at the field, not as 'not an image'", async () => {
    const c = await signedIn(owner);
    const huge = await picture(7000, 7000).png({ compressionLevel: 9 }).toBuffer();
    const res = await c.request(`/scenarios/new?_data=${encodeURIComponent("routes/scenarios.new")}`, {
      method: "POST",
      body: scenarioForm({ title: "Huge picture" }, [{ name: "huge.png", data: huge, type: "image/png" }]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { formError: string; fieldErrors: Record<string, string> };
    expect(body.fieldErrors.imageFiles).toBe("This picture is larger than 40 megapixels: save it at a smaller size and try again");
    // Above the form only a pointer to the field: the message itself appears once.
    expect(body.formError).not.toBe(body.fieldErrors.imageFiles);
  });

  it("unknown image ids are 404, odd names too, never a 500", async () => {
    const c = app.client("en");
    expect((await c.get("/images/00000000-0000-4000-8000-000000000000.webp")).status).toBe(404);
    expect((await c.get("/images/not-an-id.webp")).status).toBe(404);
    expect((await c.get("/images/00000000-0000-4000-8000-000000000000.png")).status).toBe(404);
  });

  it("a form with files larger than the upload limit, or a large plain form, is refused before it is read", async () => {
    const c = await signedIn(owner);
    const declared = (bytes: number) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${app.baseUrl}/scenarios/new`, {
          method: "POST",
          headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(bytes), origin: app.baseUrl, cookie: c.cookieHeader },
        });
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on("error", reject);
        req.write("--x\r\n".padEnd(16 * 1024, "a"));
      });
    expect(await declared(40 * 1024 * 1024)).toBe(413);
    const plain = await c.request("/scenarios/new", { method: "POST", body: new URLSearchParams({ problem: "x".repeat(2 * 1024 * 1024) }) });
    expect(plain.status).toBe(413);
  });
});
