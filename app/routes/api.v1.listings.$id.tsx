import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { ApiFailure, apiHandle, apiJson, idempotentWrite, methodNotAllowed, optionalApiActor, readJsonObject, requireApiActor } from "~/lib/api.server";
import { mergePatch, parseListingBody } from "~/lib/api-listings.server";
import { changeListingStatus, getListing, updateListing } from "~/models/marketplace/listings.server";

/**
 * GET       /api/v1/listings/:id  one listing: published ones for anyone, drafts for the owner's key
 * PATCH/PUT /api/v1/listings/:id  update; PATCH merges the body over the stored listing, PUT replaces it
 */
const idParam = z.string().uuid();

function listingId(raw: string | undefined): string {
  const id = idParam.safeParse(raw);
  // Not a uuid cannot name a listing; answering 404 also keeps Postgres from a cast error.
  if (!id.success) throw new ApiFailure(404, "errors.notFound");
  return id.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return apiHandle(request, async () => {
    const id = listingId(params.id);
    const actor = await optionalApiActor(context.db, request);
    return apiJson({ listing: await getListing(context.db, actor, id) });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return apiHandle(request, async () => {
    if (request.method !== "PATCH" && request.method !== "PUT") methodNotAllowed("GET, PATCH, PUT");
    const id = listingId(params.id);
    const actor = await requireApiActor(context.db, request);
    const body = await readJsonObject(request);
    return idempotentWrite(context.db, request, actor, body, async (db) => {
      const merged = request.method === "PATCH" ? mergePatch(await getListing(db, actor, id), body) : body;
      const { input, submit } = parseListingBody(merged);
      await updateListing(db, actor, id, input);
      // Without an Idempotency-Key, two steps, two transactions: an edit that is saved stays saved
      // even if the listing cannot be submitted now. With one, both and the answer are one commit.
      if (submit) await changeListingStatus(db, actor, id, "pending_review", context.realtime);
      return apiJson({ listing: await getListing(db, actor, id) });
    });
  });
}
