import type { PublicUser } from "../../../shared/schemas/auth";

/** What every screen gets: who is signed in, and a nudge to sync after a write. */
export interface ScreenProps {
  user: PublicUser;
  onWrite: () => void;
}
