import { DurableObject } from "cloudflare:workers";
import { MFA_TOKEN_MAX_ATTEMPTS, MFA_TOKEN_TTL_SECONDS, RATE_LIMITS, type RateLimitName } from "../../shared/limits";

export interface AttemptDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

/** Why an mfaToken may not be used (any more): too many attempts, or already verified. */
export type MfaTokenRefusal = "locked" | "spent";

interface Window {
  start: number;
  count: number;
}

interface MfaTokenState {
  attempts: number;
  spent: boolean;
}

/**
 * The counter behind every limit that guards a secret (docs/security.md "Security baseline"): one object
 * per limit and key, `idFromName("<limit>:<key>")` — an account, an address, a user — and one per
 * mfaToken, `idFromName("mfaToken:<jti>")`.
 *
 * Each method reads and writes its state without awaiting anything but this object's own
 * storage, so the input gate runs it whole before the next call starts: a burst of parallel
 * requests is counted one by one and exactly `limit` are let through, in every location at once
 * (there is one object in the world per name). The KV counter it replaces read, then wrote, and
 * a burst was evaluated whole.
 *
 * State lives in the object's storage (an eviction does not reset a count), and an alarm clears
 * it once nothing can depend on it any more.
 */
export class AttemptCounter extends DurableObject<Env> {
  /**
   * Counts one attempt in the fixed window that holds `nowMs`; refuses it when the window is
   * full (a refused attempt does not count).
   */
  async hit(name: RateLimitName, nowMs: number): Promise<AttemptDecision> {
    const { limit, windowSeconds } = RATE_LIMITS[name];
    const now = Math.floor(nowMs / 1000);
    const start = now - (now % windowSeconds);
    const retryAfter = Math.max(1, start + windowSeconds - now);
    const stored = await this.ctx.storage.get<Window>("window");
    const window = stored?.start === start ? stored : { start, count: 0 };
    if (window.count >= limit) return { allowed: false, retryAfter };
    await this.ctx.storage.put("window", { start, count: window.count + 1 });
    await this.expireAfter(windowSeconds);
    return { allowed: true, retryAfter };
  }

  /**
   * Reserves one attempt at verifying with this mfaToken. Every reserved attempt counts, so at
   * most MFA_TOKEN_MAX_ATTEMPTS codes are ever checked with one token, however many arrive at
   * once; a spent token is refused.
   */
  async beginMfaAttempt(): Promise<MfaTokenRefusal | null> {
    const state = (await this.ctx.storage.get<MfaTokenState>("mfa")) ?? { attempts: 0, spent: false };
    if (state.spent) return "spent";
    if (state.attempts >= MFA_TOKEN_MAX_ATTEMPTS) return "locked";
    await this.ctx.storage.put("mfa", { ...state, attempts: state.attempts + 1 });
    await this.expireAfter(MFA_TOKEN_TTL_SECONDS);
    return null;
  }

  /**
   * Marks the token spent after a correct code: true for the first caller only, so two correct
   * codes racing with one token start one session at most.
   */
  async spendMfaToken(): Promise<boolean> {
    const state = (await this.ctx.storage.get<MfaTokenState>("mfa")) ?? { attempts: 0, spent: false };
    if (state.spent) return false;
    await this.ctx.storage.put("mfa", { ...state, spent: true });
    await this.expireAfter(MFA_TOKEN_TTL_SECONDS);
    return true;
  }

  /** Keeps the state at least `seconds` (plus a minute's margin) from now, then clears it. */
  private async expireAfter(seconds: number): Promise<void> {
    const at = Date.now() + (seconds + 60) * 1000;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current < at) await this.ctx.storage.setAlarm(at);
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
