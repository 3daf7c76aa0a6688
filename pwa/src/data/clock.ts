import type { HavenDatabase } from "./db";

/** Beyond this, the patient is told their device's clock is wrong (Haven corrects for it either way). */
export const CLOCK_WARN_MS = 2 * 60_000;

/** What meta "clock" holds: the last measurement of this device's clock against the server's. */
export interface ClockMeasurement {
  /** server − device, in ms: add it to the device's time to get the server's. */
  skewMs: number;
  /** The round trip it was measured over (the error is at most half of it). */
  rttMs: number;
  measuredAt: string;
}

/**
 * The device's clock, corrected by what the server said its time was. Every sync response
 * states the server's time; the skew is that time minus the device's time at the middle of
 * the round trip. Writes are stamped with corrected time, so a phone days behind still files a
 * completion on the right local day, and a phone 10 minutes fast still earns its rewards.
 */
export class DeviceClock {
  #skewMs: number | undefined;
  #loaded: Promise<void> | undefined;

  constructor(
    private readonly db: HavenDatabase,
    // Read Date.now at each call (not a reference taken once): a replaced Date (a test's clock) is seen.
    private readonly deviceNow: () => number = () => Date.now(),
  ) {}

  /** Reads the last measurement (once); before it, the device's own time is all there is. */
  load(): Promise<void> {
    this.#loaded ??= this.db.meta.get("clock").then((row) => {
      if (row && this.#skewMs === undefined) this.#skewMs = (JSON.parse(row.value) as ClockMeasurement).skewMs;
    });
    return this.#loaded;
  }

  /** The measured error (server − device, ms), or undefined while none has been measured. */
  get skewMs(): number | undefined {
    return this.#skewMs;
  }

  /** The best estimate of the server's time now. */
  now(): number {
    return this.deviceNow() + (this.#skewMs ?? 0);
  }

  /** The device's own time, uncorrected (to time a round trip). */
  deviceTime(): number {
    return this.deviceNow();
  }

  /** Records the server's stated time for a request sent at `sentAt` and answered at `receivedAt` (device times). */
  async observe(serverTime: string, sentAt: number, receivedAt: number): Promise<void> {
    const server = Date.parse(serverTime);
    if (!Number.isFinite(server) || receivedAt < sentAt) return;
    const rttMs = receivedAt - sentAt;
    const skewMs = Math.round(server - (sentAt + rttMs / 2));
    // A slow round trip measures badly: keep a better earlier measurement unless the clock moved a lot.
    const previous = this.#skewMs;
    this.#skewMs = skewMs;
    if (previous !== undefined && Math.abs(previous - skewMs) < 1_000 && rttMs > 2_000) this.#skewMs = previous;
    const measurement: ClockMeasurement = {
      skewMs: this.#skewMs,
      rttMs,
      measuredAt: new Date(receivedAt).toISOString(),
    };
    await this.db.meta.put({ key: "clock", value: JSON.stringify(measurement) });
  }
}
