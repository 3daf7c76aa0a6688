import type { Role } from "../shared/roles";
import type { SessionClaim } from "./auth/session-check";

/** Who is calling, once `requireAuth` has checked the access token against the session row. */
export interface AuthContext {
  userId: string;
  role: Role;
  sessionId: string;
}

/** Hono's environment for every sub-app: the bindings from `wrangler types` and per-request state. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    auth: AuthContext;
    /** A verified token whose session is checked in the route's own batch (requireAuthInBatch). */
    pendingAuth: SessionClaim & { roles: Role[]; checked: boolean };
    /** Keyed hash of the caller's address (lib/client-ip.ts), for audit rows and sessions. */
    ipHash: string;
    /** The patient a staff route is about, once requirePatientAccess has checked the assignment. */
    patientId: string;
  };
}
