import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The same numbered SQL files wrangler applies on `npm start`, applied to the test database.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
