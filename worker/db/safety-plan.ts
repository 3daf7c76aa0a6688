import { eq } from "drizzle-orm";
import { emptyPlan, readStoredPlan, safetyPlanView } from "../../shared/domain/safety-plan-merge";
import type { SafetyPlanViewBody } from "../../shared/schemas/views";
import type { database } from "./client";
import { safetyPlans } from "./schema";

/** The patient's safety plan as the API shows it: texts by section, items with ids and authors, recent changes. */
export async function safetyPlanOf(db: ReturnType<typeof database>, userId: string): Promise<SafetyPlanViewBody> {
  const row = await db.select().from(safetyPlans).where(eq(safetyPlans.userId, userId)).get();
  return safetyPlanView(
    row ? readStoredPlan(row.plan, row.updatedBy, new Date(row.updatedAt).toISOString()) : emptyPlan(),
  );
}
