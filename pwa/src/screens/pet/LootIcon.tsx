/**
 * Small drawings of the treasures a pet brings home (shared/domain/loot.ts), for the shelf on the
 * Pet screen. Decorative: the item's name is always written beside it.
 */
import type { JSX } from "preact";

const SHAPES: Record<string, JSX.Element> = {
  smooth_pebble: <ellipse cx="12" cy="14" rx="8" ry="5.5" fill="#9aa0a6" stroke="#4d5358" stroke-width="1.5" />,
  acorn: (
    <>
      <ellipse cx="12" cy="14" rx="5.5" ry="6.5" fill="#c98b55" stroke="#5a3a22" stroke-width="1.5" />
      <path d="M5.5 11a6.5 4 0 0 1 13 0Z" fill="#7a5230" stroke="#5a3a22" stroke-width="1.5" />
    </>
  ),
  pine_cone: (
    <>
      <ellipse cx="12" cy="13" rx="5.5" ry="8" fill="#9a6a42" stroke="#4f3420" stroke-width="1.5" />
      <path d="M7.5 10h9M7 14h10M8 18h8" stroke="#4f3420" stroke-width="1.3" />
    </>
  ),
  soft_feather: (
    <path d="M6 20C6 11 11 5 18 4c0 7-5 13-12 16Zm0 0 7-9" fill="#dfe7f2" stroke="#56657a" stroke-width="1.5" />
  ),
  four_leaf_clover: (
    <g fill="#4f9a5a" stroke="#2b5c33" stroke-width="1.2">
      <circle cx="9" cy="9" r="3.5" />
      <circle cx="15" cy="9" r="3.5" />
      <circle cx="9" cy="15" r="3.5" />
      <circle cx="15" cy="15" r="3.5" />
    </g>
  ),
  spiral_seashell: (
    <>
      <path d="M4 17c0-7 5-12 11-11s6 8 1 9-5-4-2-4" fill="#f3d7c6" stroke="#8a5a48" stroke-width="1.5" />
      <path d="M4 17h15" stroke="#8a5a48" stroke-width="1.5" />
    </>
  ),
  wildflower_posy: (
    <>
      <path d="M12 21V12M12 21l-4-7M12 21l4-7" stroke="#3f7a48" stroke-width="1.5" />
      <circle cx="8" cy="11" r="3" fill="#e0607a" />
      <circle cx="12" cy="8" r="3" fill="#f2c14e" />
      <circle cx="16" cy="11" r="3" fill="#8a7be0" />
    </>
  ),
  mossy_stone: (
    <>
      <ellipse cx="12" cy="15" rx="8" ry="5.5" fill="#8f959b" stroke="#4d5358" stroke-width="1.5" />
      <path d="M5 13c2-3 5-4 7-3s4-1 7 2" fill="none" stroke="#5e9a4e" stroke-width="3" stroke-linecap="round" />
    </>
  ),
  amber_drop: (
    <path d="M12 3c4 6 6 9 6 12a6 6 0 0 1-12 0c0-3 2-6 6-12Z" fill="#e39b2d" stroke="#8a5510" stroke-width="1.5" />
  ),
  moonlit_crystal: <path d="M12 2l5 7-5 13-5-13Z" fill="#bcd6f2" stroke="#4a6a8f" stroke-width="1.5" />,
  golden_leaf: (
    <path d="M5 19C5 10 11 5 19 5c0 8-5 14-14 14Zm0 0 8-8" fill="#f2c14e" stroke="#8a6510" stroke-width="1.5" />
  ),
  fallen_star: (
    <path
      d="M12 3l2.6 5.6 6 .7-4.5 4.1 1.2 6L12 16.4l-5.3 3 1.2-6-4.5-4.1 6-.7Z"
      fill="#f7d451"
      stroke="#8a6510"
      stroke-width="1.3"
      stroke-linejoin="round"
    />
  ),
};

/**
 * A treasure's drawing; an id the table does not know yet shows as a pebble.
 * @example <LootIcon id="acorn" />
 */
export function LootIcon({ id }: { id: string }) {
  return (
    <svg class="loot-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      {SHAPES[id] ?? SHAPES.smooth_pebble}
    </svg>
  );
}
