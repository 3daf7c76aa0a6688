import { app } from "./app";
import { scheduled } from "./scheduled";

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
export { AttemptCounter } from "./durable/attempt-counter";
export { UserCommands } from "./durable/user-commands";
