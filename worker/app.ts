import { Hono } from "hono";
import { ApiError } from "../shared/errors";
import type { AppEnv } from "./app-env";
import { hashClientIp } from "./lib/client-ip";
import { errorResponse, handleError } from "./lib/errors";
import { bodyGuard } from "./middleware/body-guard";
import { configGuard } from "./middleware/config-guard";
import { apiCors } from "./middleware/cors";
import { allowedMethodsFor } from "./middleware/method-not-allowed";
import { requestId } from "./middleware/request-id";
import { securityHeaders } from "./middleware/security-headers";
import { recordServerErrors } from "./middleware/server-errors";
import { admin } from "./routes/admin";
import { passwordReset } from "./routes/admin-password-reset";
import { apiDocs } from "./routes/api-docs";
import { auth } from "./routes/auth";
import { assessmentRoutes, safetyPlanRoutes } from "./routes/check-ins";
import { companionRoutes } from "./routes/companion";
import { emailVerificationRoutes } from "./routes/email-verification";
import { fhirRoutes } from "./routes/fhir";
import { habitRoutes } from "./routes/habits";
import { health } from "./routes/health";
import { inviteAccept } from "./routes/invite-accept";
import { me } from "./routes/me";
import { messageRoutes } from "./routes/messages";
import { moodRoutes } from "./routes/moods";
import { notificationRoutes } from "./routes/notifications";
import { passwordResetRequest } from "./routes/password-reset-request";
import { petRoutes } from "./routes/pet";
import { progressRoutes } from "./routes/progress";
import { pushRoutes } from "./routes/push";
import { questRoutes } from "./routes/quests";
import { staffRoutes } from "./routes/staff";
import { syncRoutes } from "./routes/sync";

/**
 * The API: one sub-app per area under /api/v1. Middleware order matters: the request id and
 * headers wrap everything (errors included), CORS answers preflights before the config guard,
 * and the body guard runs before any validator reads a body.
 */
const api = new Hono<AppEnv>()
  .route("/health", health)
  .route("/auth", auth)
  .route("/auth/password-reset", passwordReset)
  .route("/auth/password-reset", passwordResetRequest)
  .route("/auth/invite", inviteAccept)
  // Before /me: its own requireAuth answers, so /me's does not run a second time.
  .route("/me/email", emailVerificationRoutes)
  .route("/me", me)
  .route("/habits", habitRoutes)
  .route("/quests", questRoutes)
  .route("/moods", moodRoutes)
  .route("/progress", progressRoutes)
  .route("/pet", petRoutes)
  .route("/assessments", assessmentRoutes)
  .route("/safety-plan", safetyPlanRoutes)
  .route("/sync", syncRoutes)
  .route("/messages", messageRoutes)
  .route("/companion", companionRoutes)
  .route("/staff", staffRoutes)
  .route("/fhir", fhirRoutes)
  .route("/push", pushRoutes)
  .route("/notifications", notificationRoutes)
  .route("/admin", admin);

export const app = new Hono<AppEnv>()
  .use(requestId, securityHeaders)
  .use("/api/*", apiCors, configGuard, recordServerErrors, hashClientIp, bodyGuard)
  .route("/api/v1", api);

// The contract, generated from every route above (so mounted after them): /api/v1/openapi.json
// and its page for people, /api/v1/docs.
app.route("/api/v1", apiDocs(app));

const allowedMethods = allowedMethodsFor(app);

app.notFound((c) => {
  const path = new URL(c.req.url).pathname;
  const allow = allowedMethods(path);
  if (allow.length > 0) {
    return errorResponse(c, new ApiError("METHOD_NOT_ALLOWED", { headers: { Allow: allow.join(", ") } }));
  }
  return errorResponse(c, new ApiError("NOT_FOUND"));
});
app.onError(handleError);
