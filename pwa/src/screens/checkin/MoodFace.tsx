/**
 * A small drawn face for a mood (1–10): the mouth curves from a frown to a smile and the colour
 * warms from a soft blue to a sunny yellow. Decorative: the mood's number and word carry the meaning.
 * Its fixed palette reads on the light and the dark page alike.
 */
const FILLS = [
  "#8fa9c9",
  "#98b2cc",
  "#a3bccc",
  "#b2c6c3",
  "#c4cfb4",
  "#d3d6a2",
  "#e0d890",
  "#ebd67c",
  "#f2cf66",
  "#f6c453",
];

export function MoodFace({ mood, size = 36 }: { mood: number; size?: number }) {
  const m = Math.min(10, Math.max(1, Math.round(mood)));
  // Mouth: from (12,25) to (24,25), its control point below (smile) or above (frown) the line.
  const curve = (m - 5.5) * 1.6;
  return (
    <svg class="mood-face" width={size} height={size} viewBox="0 0 36 36" aria-hidden="true" focusable="false">
      <circle cx="18" cy="18" r="16" fill={FILLS[m - 1]} stroke="#3b4a45" stroke-width="1.5" />
      <circle cx="12.5" cy="15" r="1.8" fill="#2a3431" />
      <circle cx="23.5" cy="15" r="1.8" fill="#2a3431" />
      <path
        d={`M12 ${25 - curve / 2} Q18 ${25 + curve} 24 ${25 - curve / 2}`}
        fill="none"
        stroke="#2a3431"
        stroke-width="2"
        stroke-linecap="round"
      />
    </svg>
  );
}
