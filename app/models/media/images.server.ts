/**
 * Images members upload (scenario pictures). Nothing is kept as sent: a file is decoded (which
 * proves it is an image of an accepted type, whatever its name or declared type says), turned
 * upright, stripped of metadata (camera, GPS) and re-encoded as WebP at a display size and as a
 * thumbnail. Served from our own origin, so pages never hotlink.
 */
import sharp from "sharp";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { DomainError, invalid, notFound } from "../core/errors";
import { uuidParam } from "../core/params";
import type { MemberActor } from "../core/permissions";
import { MAX_IMAGE_BYTES, UPLOADED_IMAGE_PATH, imagePath } from "./image-paths";

type Db = Kysely<Database>;

/** Decoding bombs (a tiny file that unpacks to gigapixels) stop here. */
const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif"]);
const DISPLAY_MAX = 1600;
const THUMB_MAX = 480;
/** What one organisation's stored images (display size and thumbnails) may take in all. */
export const MAX_ORG_IMAGE_BYTES = 200 * 1024 * 1024;

/**
 * Images prepared at once in this process, whoever sent them. Decoding runs on libvips' threads,
 * never on the event loop, but each job takes a core and tens of MB: uploads wait their turn here
 * instead of starving every other request (and the event loop's own core) of CPU and memory.
 */
const IMAGE_JOBS_AT_ONCE = 1;
// One libvips thread per job: on a small machine the other core stays free for the event loop.
sharp.concurrency(1);
let running = 0;
const waiting: (() => void)[] = [];
async function inImageQueue<T>(job: () => Promise<T>): Promise<T> {
  if (running >= IMAGE_JOBS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export interface PreparedImage {
  width: number;
  height: number;
  bytes: Buffer;
  thumb: Buffer;
}

/** Decodes, checks and re-encodes one upload; a refusal is a 400 on `field`, in the user's language. */
export async function prepareImage(data: Uint8Array, field: string): Promise<PreparedImage> {
  if (data.byteLength === 0) throw invalid("media.errors.empty", field);
  if (data.byteLength > MAX_IMAGE_BYTES) throw invalid("media.errors.tooLarge", field);
  let format: string | undefined, width: number | undefined, height: number | undefined;
  try {
    // Reading the header only: no pixel limit here, so an oversized picture is told apart from a non-image.
    ({ format, width, height } = await sharp(data, { limitInputPixels: false }).metadata());
  } catch {
    throw invalid("media.errors.notImage", field);
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw invalid("media.errors.notImage", field);
  // The header says how large the picture is; refuse it for that, not later as "not an image" when decoding stops at the limit.
  if ((width ?? 0) * (height ?? 0) > MAX_INPUT_PIXELS)
    throw new DomainError(400, "media.errors.tooManyPixels", { mp: MAX_INPUT_PIXELS / 1_000_000 }, { [field]: ["media.errors.tooManyPixels"] });
  try {
    // rotate() with no angle applies the EXIF orientation; the output carries no metadata.
    const upright = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const full = await upright
      .clone()
      .resize({ width: DISPLAY_MAX, height: DISPLAY_MAX, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await upright
      .clone()
      .resize({ width: THUMB_MAX, height: THUMB_MAX, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { width: full.info.width, height: full.info.height, bytes: full.data, thumb };
  } catch {
    // Truncated or corrupt files pass the header read and fail here.
    throw invalid("media.errors.notImage", field);
  }
}

/** Prepares a form's uploads for a list that may hold `max` images, `kept` of which are already there. */
export async function prepareUploads(files: readonly Uint8Array[], kept: number, max: number, field: string): Promise<PreparedImage[]> {
  if (kept + files.length > max) throw new DomainError(400, "media.errors.tooMany", { max }, { [field]: ["media.errors.tooMany"] });
  // Through the shared queue: a form's files use the free cores, never more than the queue allows.
  return Promise.all(files.map((f) => inImageQueue(() => prepareImage(f, field))));
}

/*
 * Bytes cross the driver as base64 (in) and hex (out) text, which Node encodes natively: the
 * embedded database's driver turns a bytea parameter or result into text one byte at a time on
 * the event loop (9 MB of images held every other request for ~20 s; as text, ~1 s). Postgres
 * decodes and encodes them in C on either driver.
 */
const asBytea = (b: Buffer) => sql<Buffer>`decode(${b.toString("base64")}, 'base64')`;

/**
 * Stores prepared images for the actor's organisation inside the caller's transaction; returns
 * their paths. One row per statement, so the embedded database never holds the event loop for
 * more than one image at a time. Past the organisation's storage quota the upload is refused.
 */
export async function storeImages(
  trx: Transaction<Database> | Db,
  actor: MemberActor,
  images: readonly PreparedImage[],
  quota = MAX_ORG_IMAGE_BYTES,
): Promise<string[]> {
  if (!images.length) return [];
  // The organisation's row is the lock: two uploads at once cannot both fit in the last free space.
  await trx.selectFrom("organisations").select("id").where("id", "=", actor.org.id).forUpdate().executeTakeFirst();
  const { used } = await trx
    .selectFrom("images")
    .select(sql<string>`coalesce(sum(octet_length(bytes) + octet_length(thumb)), 0)`.as("used"))
    .where("org_id", "=", actor.org.id)
    .executeTakeFirstOrThrow();
  const adding = images.reduce((n, i) => n + i.bytes.length + i.thumb.length, 0);
  if (Number(used) + adding > quota)
    throw new DomainError(409, "media.errors.quotaFull", { mb: Math.floor(quota / 1024 / 1024) }, { imageFiles: ["media.errors.quotaFull"] });
  const paths: string[] = [];
  for (const i of images) {
    // The embedded database answers in microtasks, so awaiting it never lets a timer or a socket
    // in: without this turn, six inserts would run as one block.
    if (paths.length) await new Promise((resolve) => setImmediate(resolve));
    const row = await trx
      .insertInto("images")
      .values({ org_id: actor.org.id, uploaded_by: actor.id, width: i.width, height: i.height, bytes: asBytea(i.bytes), thumb: asBytea(i.thumb) })
      .returning("id")
      .executeTakeFirstOrThrow();
    paths.push(imagePath(row.id));
  }
  return paths;
}

/**
 * Deletes the organisation's uploaded images among `paths` that no scenario shows any more: a
 * picture taken off a scenario stops being stored and served, unless another scenario of the
 * organisation still uses it. Runs in the transaction that changed the scenario.
 */
export async function dropUnusedImages(trx: Transaction<Database>, orgId: string, paths: readonly string[]): Promise<void> {
  const ids = paths.flatMap((p) => UPLOADED_IMAGE_PATH.exec(p)?.[1] ?? []);
  if (!ids.length) return;
  await trx
    .deleteFrom("images")
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .where(sql<boolean>`not exists (select 1 from scenarios where '/images/' || images.id || '.webp' = any(scenarios.image_urls))`)
    .execute();
}

/** One stored image's bytes. Images are public once used on a public page; their ids are not guessable. */
export async function readImage(db: Db, id: string, size: "full" | "thumb"): Promise<Uint8Array<ArrayBuffer>> {
  if (!uuidParam.safeParse(id).success) throw notFound();
  const row = await db
    .selectFrom("images")
    .select(sql<string>`encode(${sql.ref(size === "thumb" ? "thumb" : "bytes")}, 'hex')`.as("hex"))
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const data = Buffer.from(row.hex, "hex");
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength) as Uint8Array<ArrayBuffer>;
}
