/**
 * The drawn pet: a few rounded shapes per species (body, head, ears and features), a face for its
 * mood, what it wears, scaled by growth stage. No CSS needed to look right, so it can render small
 * anywhere; pet.css adds the gentle motion (off under reduced motion).
 */
import type { PetSpecies, PetStage } from "../../../../shared/domain/pet";
import type { PetLook } from "./pet-look";

interface Palette {
  fur: string;
  belly: string;
  inner: string;
  line: string;
}

/** Fixed colours per species, mid tones with a dark outline so they read on light and dark pages. */
const PALETTES: Record<PetSpecies, Palette> = {
  dog: { fur: "#c98b55", belly: "#f3dcc0", inner: "#8a5a35", line: "#4a3222" },
  cat: { fur: "#9aa3b8", belly: "#e6e9f0", inner: "#f2b8c6", line: "#3c4252" },
  fox: { fur: "#e07a3f", belly: "#fbeee0", inner: "#4a2e22", line: "#5a2d14" },
  owl: { fur: "#a07b58", belly: "#eadbc4", inner: "#6d4f36", line: "#3f2c1d" },
  rabbit: { fur: "#d8c6b4", belly: "#fbf5ee", inner: "#f2b8c6", line: "#5a463a" },
  dragon: { fur: "#6cbf84", belly: "#e3f2c9", inner: "#3f8f5a", line: "#24513a" },
};

/** Stage shapes: babies are small with big heads; grown-ups are taller with a fuller body. */
const STAGES: Record<PetStage, { scale: number; headY: number; bodyY: number; bodyRx: number; bodyRy: number }> = {
  baby: { scale: 0.72, headY: 104, bodyY: 152, bodyRx: 34, bodyRy: 27 },
  child: { scale: 0.86, headY: 94, bodyY: 146, bodyRx: 40, bodyRy: 33 },
  adult: { scale: 1, headY: 84, bodyY: 140, bodyRx: 46, bodyRy: 39 },
};

/** Ears, horns and tufts, drawn around a head at the origin with radius 40. */
function HeadTop({ species, p }: { species: PetSpecies; p: Palette }) {
  const s = { stroke: p.line, "stroke-width": 3, "stroke-linejoin": "round" as const };
  switch (species) {
    case "dog":
      return (
        <>
          <path d="M-30-26C-52-28-56 2-44 16-36 8-30-8-26-20Z" fill={p.inner} {...s} />
          <path d="M30-26C52-28 56 2 44 16 36 8 30-8 26-20Z" fill={p.inner} {...s} />
        </>
      );
    case "cat":
      return (
        <>
          <path d="M-34-14-30-50-8-34Z" fill={p.fur} {...s} />
          <path d="M34-14 30-50 8-34Z" fill={p.fur} {...s} />
          <path d="M-28-22-27-40-15-32Z" fill={p.inner} />
          <path d="M28-22 27-40 15-32Z" fill={p.inner} />
        </>
      );
    case "fox":
      return (
        <>
          <path d="M-36-10-34-58-6-36Z" fill={p.fur} {...s} />
          <path d="M36-10 34-58 6-36Z" fill={p.fur} {...s} />
          <path d="M-34-46-34-58-25-50Z" fill={p.inner} />
          <path d="M34-46 34-58 25-50Z" fill={p.inner} />
        </>
      );
    case "owl":
      return (
        <>
          <path d="M-30-26-36-50-14-36Z" fill={p.fur} {...s} />
          <path d="M30-26 36-50 14-36Z" fill={p.fur} {...s} />
        </>
      );
    case "rabbit":
      return (
        <>
          <ellipse cx="-16" cy="-56" rx="11" ry="30" fill={p.fur} {...s} />
          <ellipse cx="16" cy="-56" rx="11" ry="30" fill={p.fur} {...s} />
          <ellipse cx="-16" cy="-54" rx="5" ry="20" fill={p.inner} />
          <ellipse cx="16" cy="-54" rx="5" ry="20" fill={p.inner} />
        </>
      );
    case "dragon":
      return (
        <>
          <path d="M-22-32-30-58-8-38Z" fill="#f3d27a" {...s} />
          <path d="M22-32 30-58 8-38Z" fill="#f3d27a" {...s} />
        </>
      );
  }
}

/** The eyes, nose and mouth for a mood: sleepy closes the eyes, joyful adds a wide smile. */
function Face({ look, p }: { look: PetLook; p: Palette }) {
  const ink = p.line;
  const line = { stroke: ink, "stroke-width": 3, "stroke-linecap": "round" as const, fill: "none" };
  const eyes =
    look.mood === "sleepy" ? (
      <>
        <path d="M-22 2q6 5 12 0" {...line} />
        <path d="M10 2q6 5 12 0" {...line} />
      </>
    ) : (
      <>
        <circle cx="-16" cy="0" r="6" fill={ink} />
        <circle cx="16" cy="0" r="6" fill={ink} />
        <circle cx="-14" cy="-2" r="2" fill="#fff" />
        <circle cx="18" cy="-2" r="2" fill="#fff" />
      </>
    );
  const mouth =
    look.mood === "joyful" ? (
      <path d="M-9 16q9 12 18 0Z" fill="#c8505a" stroke={ink} stroke-width="2.5" stroke-linejoin="round" />
    ) : look.mood === "content" ? (
      <path d="M-7 16q7 6 14 0" {...line} />
    ) : (
      <circle cx="0" cy="18" r="3" fill="none" stroke={ink} stroke-width="2.5" />
    );
  const nose =
    look.species === "owl" ? (
      <path d="M-6 6h12l-6 9Z" fill="#f0b441" stroke={ink} stroke-width="2" stroke-linejoin="round" />
    ) : (
      <ellipse cx="0" cy="9" rx="5" ry="3.5" fill={ink} />
    );
  return (
    <g class="pet-face">
      {look.species === "owl" ? (
        <>
          <circle cx="-16" cy="0" r="13" fill={p.belly} />
          <circle cx="16" cy="0" r="13" fill={p.belly} />
        </>
      ) : null}
      <circle cx="-26" cy="14" r="6" fill="#f08a8a" opacity={look.mood === "joyful" ? 0.7 : 0.4} />
      <circle cx="26" cy="14" r="6" fill="#f08a8a" opacity={look.mood === "joyful" ? 0.7 : 0.4} />
      {eyes}
      {look.species === "owl" ? (
        nose
      ) : (
        <>
          {nose}
          {mouth}
        </>
      )}
    </g>
  );
}

function TopHat({ x = 0, y = 0 }: { x?: number; y?: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <rect x="-26" y="-4" width="52" height="8" rx="4" fill="#2b2b33" />
      <rect x="-16" y="-36" width="32" height="34" rx="4" fill="#2b2b33" />
      <rect x="-16" y="-12" width="32" height="7" fill="#c8505a" />
    </g>
  );
}

function Crown({ x = 0, y = 0 }: { x?: number; y?: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <path
        d="M-22 0-24-26-11-12 0-30 11-12 24-26 22 0Z"
        fill="#f2c14e"
        stroke="#8a6510"
        stroke-width="2.5"
        stroke-linejoin="round"
      />
      <circle cx="0" cy="-8" r="3.5" fill="#c8505a" />
    </g>
  );
}

function Bow() {
  return (
    <g>
      <path d="M0 0-16-9V9Z" fill="#c8505a" stroke="#7a2730" stroke-width="2" stroke-linejoin="round" />
      <path d="M0 0 16-9V9Z" fill="#c8505a" stroke="#7a2730" stroke-width="2" stroke-linejoin="round" />
      <circle r="4" fill="#e06a74" stroke="#7a2730" stroke-width="2" />
    </g>
  );
}

/** A tail per species, behind the body. */
function Tail({ species, p, y }: { species: PetSpecies; p: Palette; y: number }) {
  const s = { stroke: p.line, "stroke-width": 3, "stroke-linejoin": "round" as const };
  if (species === "owl") return null;
  if (species === "rabbit") return <circle cx="140" cy={y + 10} r="11" fill={p.belly} {...s} />;
  if (species === "fox") return <path d={`M130 ${y + 14}c30-4 40-30 26-46-4 18-18 26-32 30Z`} fill={p.fur} {...s} />;
  if (species === "dragon")
    return <path d={`M130 ${y + 18}c22 4 34-6 38-20l-12 6c-6 8-14 10-26 8Z`} fill={p.fur} {...s} />;
  return (
    <path d={`M132 ${y + 6}c14-4 20-16 18-28`} fill="none" stroke={p.line} stroke-width="9" stroke-linecap="round" />
  );
}

/** The empty cushion while the pet is out exploring, with a little note and footprints leading off. */
function AwayScene() {
  return (
    <g>
      <ellipse cx="96" cy="172" rx="62" ry="16" fill="#b07a9a" stroke="#5b3a4e" stroke-width="3" />
      <ellipse cx="96" cy="166" rx="48" ry="9" fill="#d4a3bf" />
      <g transform="rotate(-8 70 120)">
        <rect x="52" y="104" width="42" height="32" rx="3" fill="#fffaf0" stroke="#6b5a45" stroke-width="2.5" />
        <path d="M59 115h28M59 123h20" stroke="#6b5a45" stroke-width="2.5" stroke-linecap="round" />
      </g>
      <g fill="#8a6a52">
        <ellipse cx="164" cy="150" rx="4" ry="5" />
        <ellipse cx="176" cy="136" rx="4" ry="5" />
        <ellipse cx="184" cy="118" rx="4" ry="5" />
      </g>
    </g>
  );
}

export interface PetArtProps {
  look: PetLook;
  /** Width and height in CSS pixels. */
  size?: number;
  /** A one-off flourish: hearts and crumbs after a meal, a hop on coming home. */
  cheer?: "fed" | "home" | null;
  class?: string;
}

/**
 * The pet as an image with a description (role="img"): the look comes from {@link petLook}.
 * @example <PetArt look={petLook(pet)} size={64} />
 */
export function PetArt({ look, size = 180, cheer = null, class: extra }: PetArtProps) {
  const p = PALETTES[look.species];
  const st = STAGES[look.stage];
  const outline = { stroke: p.line, "stroke-width": 3 };
  const classes = ["pet-art", cheer ? `pet-cheer-${cheer}` : "", extra ?? ""].filter(Boolean).join(" ");
  return (
    <svg
      class={classes}
      viewBox="0 -12 200 212"
      width={size}
      height={size}
      role="img"
      aria-label={look.label}
      data-testid="pet-art"
    >
      {look.away ? (
        <AwayScene />
      ) : (
        <>
          <ellipse cx="100" cy="186" rx="56" ry="8" fill="#000" opacity="0.14" />
          {look.outfit.beside.map((id, i) => (
            <g key={id} transform={`translate(${176 - i * 30} 40) scale(0.55)`}>
              <path d="M0 -6v-30" stroke="#8a6a52" stroke-width="5" stroke-linecap="round" />
              {id === "crown" ? <Crown y={30} /> : <TopHat y={36} />}
            </g>
          ))}
          <g class="pet-body" transform={`translate(100 186) scale(${st.scale}) translate(-100 -186)`}>
            <g class="pet-breathe">
              <Tail species={look.species} p={p} y={st.bodyY} />
              {look.species === "dragon" || look.species === "owl" ? (
                <>
                  <path
                    d={`M${100 - st.bodyRx + 6} ${st.bodyY - 10}c-22-6-30 14-24 26 6-4 14-6 24-4Z`}
                    fill={p.inner}
                    {...outline}
                  />
                  <path
                    d={`M${100 + st.bodyRx - 6} ${st.bodyY - 10}c22-6 30 14 24 26-6-4-14-6-24-4Z`}
                    fill={p.inner}
                    {...outline}
                  />
                </>
              ) : null}
              <ellipse cx="100" cy={st.bodyY} rx={st.bodyRx} ry={st.bodyRy} fill={p.fur} {...outline} />
              <ellipse cx="100" cy={st.bodyY + 6} rx={st.bodyRx * 0.58} ry={st.bodyRy * 0.62} fill={p.belly} />
              <ellipse cx="80" cy={st.bodyY + st.bodyRy - 4} rx="12" ry="7" fill={p.fur} {...outline} />
              <ellipse cx="120" cy={st.bodyY + st.bodyRy - 4} rx="12" ry="7" fill={p.fur} {...outline} />
              <g transform={`translate(100 ${st.headY})`}>
                <HeadTop species={look.species} p={p} />
                <circle r="40" fill={p.fur} {...outline} />
                {look.species === "fox" || look.species === "cat" || look.species === "dog" ? (
                  <ellipse cx="0" cy="16" rx="20" ry="14" fill={p.belly} />
                ) : null}
                <Face look={look} p={p} />
                {look.outfit.head === "top_hat" ? (
                  <g data-worn="top_hat">
                    <TopHat y={-38} />
                  </g>
                ) : null}
                {look.outfit.head === "crown" ? (
                  <g data-worn="crown">
                    <Crown y={-34} />
                  </g>
                ) : null}
                {look.outfit.neck === "bow" ? (
                  <g transform="translate(0 42)" data-worn="bow">
                    <Bow />
                  </g>
                ) : null}
              </g>
            </g>
          </g>
          {look.mood === "sleepy" ? (
            <text x="46" y="52" font-size="22" font-weight="700" fill="#7f8fa6">
              z
            </text>
          ) : null}
          {cheer === "fed" ? (
            <g class="pet-hearts">
              <path d="M40 70c-8-8-20 2-10 12l10 9 10-9c10-10-2-20-10-12Z" fill="#e0607a" />
              <path d="M160 60c-6-6-15 2-8 9l8 7 8-7c7-7-2-15-8-9Z" fill="#e0607a" />
              <circle cx="86" cy="176" r="3" fill="#b98a4a" />
              <circle cx="114" cy="179" r="2.5" fill="#b98a4a" />
              <circle cx="100" cy="182" r="2" fill="#b98a4a" />
            </g>
          ) : null}
        </>
      )}
    </svg>
  );
}
