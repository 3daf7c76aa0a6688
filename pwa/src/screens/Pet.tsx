import { useState } from "preact/hooks";
import { LOOT_TABLE } from "../../../shared/domain/loot";
import { PET_SPECIES, PET_START, PET_STATS, type PetMood, type PetSpecies, petMood } from "../../../shared/domain/pet";
import { petGrowth } from "../../../shared/domain/pet-growth";
import { type Local, useEntity } from "../data/entities";
import type { PetView } from "../data/types";
import { write } from "../data/write";
import { capital } from "../ui/text";
import { Adventure, Belongings, Care, type Cheer, Coins, Shop, STAT_NAMES } from "./PetActions";
import { PetArt } from "./pet/PetArt";
import { daysTogether, petLook, statWord, togetherLine, withArticle, wornPhrase } from "./pet/pet-look";
import type { ScreenProps } from "./types";
import "./pet.css";

const MOOD_WORDS: Record<PetMood, string> = {
  joyful: "is full of joy",
  content: "is content",
  sleepy: "is feeling sleepy and cosy",
};

const STAGE_NAMES = { baby: "Baby", child: "Child", adult: "Grown up" } as const;

/**
 * The pet: adopt, see how it is, feed it, shop, throw away worries, and send it on adventures.
 * A kindness mechanic: it never dies or runs away, and nothing here scolds. Every action goes
 * through the outbox; the device shows what the shared rules predict, and the server decides.
 */
export default function Pet(props: ScreenProps) {
  const pet = useEntity<PetView>("pet", "me");
  // A one-off flourish on the drawing after a meal or a welcome home; a new count replays it.
  const [cheer, setCheer] = useState<{ kind: Cheer; n: number } | null>(null);
  const onCheer = (kind: Cheer) => setCheer((c) => ({ kind, n: (c?.n ?? 0) + 1 }));
  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Pet
      </h2>
      {pet ? (
        <>
          <Overview pet={pet} cheer={cheer} />
          <Coins user={props.user} />
          <Care pet={pet} onCheer={onCheer} {...props} />
          <Adventure pet={pet} onCheer={onCheer} {...props} />
          <Shop pet={pet} onCheer={onCheer} {...props} />
          <Belongings pet={pet} />
        </>
      ) : (
        <Adopt {...props} />
      )}
    </>
  );
}

function Adopt({ onWrite }: ScreenProps) {
  const [name, setName] = useState("");
  const [species, setSpecies] = useState<PetSpecies>(PET_SPECIES[0]);
  const [error, setError] = useState<string | null>(null);

  async function adopt(event: Event) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Give your companion a name first.");
      return;
    }
    setError(null);
    const now = new Date().toISOString();
    const pet: PetView = {
      name: trimmed,
      species,
      stats: { ...PET_START },
      xp: 0,
      stage: "baby",
      away: false,
      adventureStartedAt: null,
      lastDeclutterAt: null,
      cosmetics: [],
      loot: [],
      adoptedAt: now,
    };
    // Adopting never replaces a pet: this form only shows when there is none, and the server refuses a second.
    await write("pet.adopt", { name: trimmed, species }, { entity: "pet", id: "me", data: pet });
    onWrite();
  }

  return (
    <section class="card" aria-labelledby="adopt-title">
      <h3 id="adopt-title">Meet a companion</h3>
      <p>
        A small friend to look after, at your own pace. Your pet never goes without for long, never runs away, and is
        always glad to see you. Every kind thing you do for yourself cheers it up too.
      </p>
      <form onSubmit={adopt} noValidate>
        <label>
          Name
          <input
            name="pet-name"
            maxLength={40}
            required
            value={name}
            aria-describedby={error ? "adopt-error" : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          Species
          <select value={species} onChange={(e) => setSpecies(e.currentTarget.value as PetSpecies)}>
            {PET_SPECIES.map((s) => (
              <option key={s} value={s}>
                {capital(s)}
              </option>
            ))}
          </select>
        </label>
        {error ? (
          <p id="adopt-error" class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">Adopt</button>
      </form>
    </section>
  );
}

function Overview({ pet, cheer }: { pet: Local<PetView>; cheer: { kind: Cheer; n: number } | null }) {
  const growth = petGrowth(pet.xp);
  const species = PET_SPECIES.find((s) => s === pet.species) ?? PET_SPECIES[0];
  const look = petLook({ ...pet, species, stage: growth.stage });
  const worn = look.away ? "" : wornPhrase(look.outfit);
  // Each return from an adventure brings exactly one find, so the finds count the adventures taken.
  const adventures = pet.loot.length;
  const kinds = new Set(pet.loot.map((item) => item.id)).size;
  return (
    <section class="card pet-overview" aria-labelledby="pet-title">
      <div class="pet-head">
        <PetArt key={cheer?.n ?? 0} look={look} cheer={cheer?.kind ?? null} class="pet-portrait" />
        <div>
          <h3 id="pet-title" data-testid="pet-name">
            {pet.name}
          </h3>
          <p class="muted">
            {capital(pet.species)} · {STAGE_NAMES[growth.stage]}
            {worn ? ` · wearing ${worn}` : ""}
          </p>
        </div>
      </div>
      <p data-testid="pet-mood">
        {pet.name} {pet.away ? "is out exploring" : MOOD_WORDS[petMood(pet.stats)]}.
        {pet.pending ? <span class="pending"> · waiting to sync</span> : null}
        {pet.rejected ? <span class="refused"> · not saved: {pet.rejected.message}</span> : null}
      </p>
      <ul class="pet-stats" data-testid="pet-stats">
        {PET_STATS.map((stat) => {
          const value = pet.stats[stat];
          const word = statWord(stat, value);
          return (
            <li key={stat}>
              <div class="pet-stat-head">
                <span class="grow" id={`pet-${stat}-name`}>
                  {STAT_NAMES[stat]}
                </span>
                <span data-testid={`stat-${stat}`}>
                  {word} · {value}
                </span>
              </div>
              <meter
                class="pet-bar"
                aria-labelledby={`pet-${stat}-name`}
                aria-valuetext={`${word}, ${value} of 100`}
                min={0}
                max={100}
                value={value}
                data-testid={`meter-${stat}`}
              >
                {word}, {value} of 100
              </meter>
            </li>
          );
        })}
      </ul>
      {growth.next ? (
        <label class="pet-growth">
          <span data-testid="pet-growth">
            {pet.xp} pet XP · {growth.xpToNext} more pet XP to grow into {withArticle(growth.next)}
          </span>
          <progress max={growth.stageSpan} value={growth.xpIntoStage} />
        </label>
      ) : (
        <p data-testid="pet-growth">{pet.xp} pet XP · fully grown</p>
      )}
      <p data-testid="pet-journey">
        {togetherLine(daysTogether(pet.adoptedAt, Date.now()))} · {adventures} adventure{adventures === 1 ? "" : "s"} ·{" "}
        {kinds} of {LOOT_TABLE.length} kinds of treasure found
      </p>
      <p class="muted">Stats settle slowly over time but never fall below 20. Your check-ins and habits lift them.</p>
    </section>
  );
}
