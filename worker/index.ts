import { app } from "./app";

export default app satisfies ExportedHandler<Env>;
export { AttemptCounter } from "./durable/attempt-counter";
export { UserCommands } from "./durable/user-commands";
