import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandle, apiJson, idempotentWrite, methodNotAllowed, optionalApiActor, readJsonObject, requireApiActor } from "~/lib/api.server";
import { isDatabaseUnavailable } from "~/models/core/errors";
import { parseListingBody, parseListingQuery } from "~/lib/api-listings.server";
import { createListing, getListing } from "~/models/marketplace/listings.server";
import { searchListings } from "~/models/marketplace/listing-search.server";

/**
 * GET  /api/v1/listings  published listings, with the browse page's filters and search (no key needed)
 * POST /api/v1/listings  create a listing for the key's organisation; `"submit": true` sends it to review
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return apiHandle(request, async () => {
    // A key is optional here, but one that is sent must be valid: a silent fallback would hide a revoked key.
    await optionalApiActor(context.db, request);
    const query = parseListingQuery(new URL(request.url));
    const result = await searchListings(context.db, query);
    return apiJson({ listings: result.hits, total: result.total, page: query.page, pageSize: result.pageSize });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return apiHandle(request, async () => {
    if (request.method !== "POST") methodNotAllowed("GET, POST");
    const actor = await requireApiActor(context.db, request);
    const body = await readJsonObject(request);
    const { input, submit } = parseListingBody(body);
    return idempotentWrite(context.db, request, actor, body, async (db) => {
      const id = await createListing(db, actor, input, { submit });
      // Under an Idempotency-Key this is the write's own transaction: the read-back and the stored
      // answer commit with the listing or not at all. Without one, the listing is committed here:
      // if reading it back fails (the database just went away), still say so, with its id.
      const listing = await getListing(db, actor, id).catch((e) => (db === context.db && isDatabaseUnavailable(e) ? { id } : Promise.reject(e)));
      return apiJson({ listing }, { status: 201, headers: { Location: `/api/v1/listings/${id}` } });
    });
  });
}
