import { readFile } from "node:fs/promises";
import { Resvg } from "@resvg/resvg-js";
import type { Plugin } from "vite";

/** The sizes the web app manifest lists; "maskable" keeps the artwork inside the 80% safe zone. */
export const ICONS = [
  { file: "icons/icon-192.png", size: 192, purpose: "any" },
  { file: "icons/icon-512.png", size: 512, purpose: "any" },
  { file: "icons/maskable-512.png", size: 512, purpose: "maskable" },
] as const;

const BACKGROUND = "#2f6f5e";

/** Renders one PNG from the SVG source; a maskable icon gets a full-bleed background and padding. */
export function renderIcon(svg: string, size: number, maskable: boolean): Buffer {
  const source = maskable
    ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="${BACKGROUND}"/><g transform="translate(51.2 51.2) scale(0.8)">${svg.replace(/<\?xml[^>]*>/, "")}</g></svg>`
    : svg;
  return new Resvg(source, { fitTo: { mode: "width", value: size } }).render().asPng();
}

/**
 * A Vite plugin that turns the one SVG source (pwa/icons/icon.svg) into the manifest's PNG icons
 * at build time, so no generated binary lives in the repository.
 */
export function iconsFromSvg(svgPath: string): Plugin {
  return {
    name: "haven-icons-from-svg",
    apply: "build",
    async generateBundle() {
      const svg = await readFile(svgPath, "utf8");
      for (const icon of ICONS) {
        this.emitFile({
          type: "asset",
          fileName: icon.file,
          source: renderIcon(svg, icon.size, icon.purpose === "maskable"),
        });
      }
      this.emitFile({ type: "asset", fileName: "icons/icon.svg", source: svg });
    },
  };
}
