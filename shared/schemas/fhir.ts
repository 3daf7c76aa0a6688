import { z } from "zod";

/** The media type of a FHIR export's body. */
export const FHIR_CONTENT_TYPE = "application/fhir+json";

/**
 * The response of a FHIR export (`application/fhir+json`): a Bundle of type "collection". FHIR
 * resources are open by design, so the Bundle and its resources are loose objects: what is
 * pinned is that it is a Bundle, its id, type and time, and that each entry holds a resource.
 */
export const fhirBundleSchema = z.looseObject({
  resourceType: z.literal("Bundle"),
  id: z.uuid(),
  type: z.literal("collection"),
  timestamp: z.iso.datetime(),
  entry: z.array(
    z.looseObject({ fullUrl: z.string(), resource: z.looseObject({ resourceType: z.string(), id: z.string() }) }),
  ),
});
