/**
 * Images members upload (scenario pictures). Nothing is kept as sent: a file is decoded (which
 * proves it is an image of an accepted type, whatever its name or declared type says), turned
 * upright, stripped of metadata (camera, GPS) and re-encoded as WebP at a display size and as a
 * thumbnail. Served from our own origin, so pages never hotlink.
 */
import sharp from "sharp";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { DomainError, invalid, notFound } from "../core/errors";
import { uuidParam } from "../core/params";
import type { MemberActor } from "../core/permissions";
import { MAX_IMAGE_BYTES, imagePath } from "./image-paths";

type Db = Kysely<Database>;

/** Decoding bombs (a tiny file that unpacks to gigapixels) stop here. */
const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif"]);
const DISPLAY_MAX = 1600;
const THUMB_MAX = 480;

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
  let format: string | undefined;
  try {
    ({ format } = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata());
  } catch {
    throw invalid("media.errors.notImage", field);
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw invalid("media.errors.notImage", field);
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
  const out: PreparedImage[] = [];
  // One at a time: decoding is CPU and memory heavy, and a bad file stops the rest.
  for (const f of files) out.push(await prepareImage(f, field));
  return out;
}

/** Stores prepared images for the actor's organisation inside the caller's transaction; returns their paths. */
export async function storeImages(trx: Transaction<Database> | Db, actor: MemberActor, images: readonly PreparedImage[]): Promise<string[]> {
  if (!images.length) return [];
  const rows = await trx
    .insertInto("images")
    .values(images.map((i) => ({ org_id: actor.org.id, uploaded_by: actor.id, width: i.width, height: i.height, bytes: i.bytes, thumb: i.thumb })))
    .returning("id")
    .execute();
  return rows.map((r) => imagePath(r.id));
}

/** One stored image's bytes. Images are public once used on a public page; their ids are not guessable. */
export async function readImage(db: Db, id: string, size: "full" | "thumb"): Promise<Uint8Array<ArrayBuffer>> {
  if (!uuidParam.safeParse(id).success) throw notFound();
  const row = await db
    .selectFrom("images")
    .select(size === "thumb" ? "thumb as data" : "bytes as data")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return new Uint8Array(row.data);
}
