import { z } from "zod";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../limits";

/** A UUID (any version); ids and opIds are UUIDs. */
export const uuid = z.uuid();

/** `?limit=&cursor=` of every paged list. */
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(512).optional(),
});

/** A page of a list: `{ items, cursor, hasMore }`; `cursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
  hasMore: boolean;
}
