import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The PWA builds into pwa/dist, which wrangler serves as static assets beside the API.
export default defineConfig({
  root: "pwa",
  plugins: [preact()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    // `vite dev` for UI work: the API stays on the Worker (npm start), same paths.
    proxy: { "/api": "http://127.0.0.1:8787" },
  },
});
