import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { ICONS, iconsFromSvg } from "./build/icons";

const THEME = "#2f6f5e";
const BACKGROUND = "#f4efe6";

/**
 * Swagger UI for the API reference page (/api/v1/docs, worker/routes/api-docs.ts): its script
 * and style are served from this origin as static files, so the page's CSP needs no CDN. They
 * are not precached: the reference is for integrators online, not for patients offline.
 */
function apiDocsAssets(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: "haven-api-docs-assets",
    apply: "build",
    generateBundle() {
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
        const source = readFileSync(require.resolve(`swagger-ui-dist/${file}`), "utf8")
          // No source maps are deployed (see build.sourcemap below).
          .replace(/\n\/[/*]# sourceMappingURL=.*$/m, "\n");
        this.emitFile({ type: "asset", fileName: `api-docs/${file}`, source });
      }
    },
  };
}

// The PWA builds into pwa/dist, which wrangler serves as static assets beside the API.
export default defineConfig({
  root: "pwa",
  plugins: [
    preact(),
    iconsFromSvg(fileURLToPath(new URL("./icons/icon.svg", import.meta.url))),
    apiDocsAssets(),
    VitePWA({
      // Our own small service worker (pwa/src/sw.ts) with the precache manifest injected.
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
      // An update waits for the user's yes (pwa/src/update-prompt.tsx): never a silent
      // skipWaiting, which would swap the app under a page whose lazy chunks then 404.
      registerType: "prompt",
      injectRegister: false,
      injectManifest: { globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"], globIgnores: ["api-docs/**"] },
      manifest: {
        name: "Haven",
        short_name: "Haven",
        description: "A calm, offline-first companion for your wellbeing, with your care team beside you.",
        theme_color: THEME,
        background_color: BACKGROUND,
        display: "standalone",
        start_url: "/",
        scope: "/",
        icons: ICONS.map((icon) => ({
          src: `/${icon.file}`,
          sizes: `${icon.size}x${icon.size}`,
          type: "image/png",
          purpose: icon.purpose,
        })),
      },
    }),
  ],
  // No source maps in the build (issue 13, item 14): pwa/dist is what gets deployed and served,
  // and a map hands anyone the original source. `vite dev` still maps in memory for debugging.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: {
    // `vite dev` for UI work: the API stays on the Worker (npm start), same paths.
    proxy: { "/api": "http://127.0.0.1:8787" },
  },
});
