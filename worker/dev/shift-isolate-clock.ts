/**
 * Side effect only: shifts this isolate's clock (the Worker's and its Durable Objects') by the
 * offset `npm start` defined at build time. Imported first by worker/dev/index.ts, so no module
 * of the Worker ever reads the real clock.
 */
import { shiftClock } from "./shifted-date";

declare const HAVEN_CLOCK_OFFSET_MS: number;

shiftClock(HAVEN_CLOCK_OFFSET_MS);
