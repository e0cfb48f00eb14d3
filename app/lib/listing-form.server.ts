import type { AppLoadContext } from "@remix-run/node";
import { failure, formValues, handleInput, readFormData } from "./http.server";
import { listingFromForm, listingInputSchema, type ListingInput } from "~/models/marketplace/listing-schema";

/** The listing form's action: shape the checkboxes and lines, validate with the shared schema, run. */
export async function handleListingForm(
  ctx: AppLoadContext,
  request: Request,
  run: (input: ListingInput, intent: string) => Promise<Response>,
): Promise<Response> {
  const form = await readFormData(ctx, request);
  if (!form) return failure(ctx, 400, {}, {}, "v.invalid");
  const values = formValues(form);
  return handleInput(ctx, listingFromForm(form), values, listingInputSchema, (input) => run(input, values.intent ?? ""));
}
