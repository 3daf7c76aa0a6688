/** The small reads routes share (commands read through their loaded state instead). */
import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { pets, progress } from "./schema";

export * from "./views";

export function findPet(db: Database, userId: string) {
  return db.select().from(pets).where(eq(pets.userId, userId)).get();
}

export async function totals(db: Database, userId: string): Promise<{ xp: number; coins: number }> {
  const row = await db.select().from(progress).where(eq(progress.userId, userId)).get();
  return { xp: row?.xp ?? 0, coins: row?.coins ?? 0 };
}
