/** Where uploaded images live and what an upload may be; shared by forms (client) and the server. */

/** Larger uploads are refused before decoding. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The `accept` attribute of upload inputs; the server decodes each file to check it really is one. */
export const IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** An uploaded image as a page links it (display size). */
export const UPLOADED_IMAGE_PATH = new RegExp(`^/images/(${UUID})\\.webp$`);
/** The platform's own illustrations, shipped with the app. */
export const ILLUSTRATION_PATH = /^\/img\/[a-z0-9/_-]+\.(svg|png|jpe?g|webp)$/;

export const imagePath = (id: string) => `/images/${id}.webp`;
/** The thumbnail of an uploaded image, for lists and cards; illustrations have none. */
export const thumbnailOf = (path: string) => (UPLOADED_IMAGE_PATH.test(path) ? path.replace(/\.webp$/, "-thumb.webp") : path);
