import { app } from "./app";

export type { AppType } from "./app";

export default app satisfies ExportedHandler<Env>;
export { UserCommands } from "./durable/user-commands";
