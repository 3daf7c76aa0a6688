/**
 * The Worker's local-development entry when the stack runs at another hour (`HAVEN_CLOCK`):
 * shifts the isolate's clock first, then is exactly the deployed Worker. `npm start` passes the
 * offset at build time (`--define HAVEN_CLOCK_OFFSET_MS:<ms>`); `wrangler deploy` builds
 * `worker/index.ts` (wrangler.toml `main`) and never sees this file.
 */
import "./shift-isolate-clock";

export { AttemptCounter, default, UserCommands } from "../index";
