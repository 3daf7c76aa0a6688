import { defineConfig } from "drizzle-kit";

// Generates SQL only (no database connection): wrangler applies the files in migrations/.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
