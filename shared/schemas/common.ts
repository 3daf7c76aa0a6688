/** A page of a list: `{ items, cursor, hasMore }`; `cursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
  hasMore: boolean;
}
