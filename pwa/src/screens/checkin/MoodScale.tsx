import { MoodFace } from "./MoodFace";
import { MOOD_WORDS } from "./mood-words";

/**
 * The mood scale: ten faces with their numbers and words, one tap to choose. Native radios, so
 * arrow keys move along the scale and each reads as "3, low".
 */
export function MoodScale({ value, onChange }: { value: number; onChange: (mood: number) => void }) {
  return (
    <div class="mood-scale" role="radiogroup" aria-labelledby="mood-legend">
      <p id="mood-legend" class="mood-legend">
        How are you feeling?
      </p>
      <div class="mood-options">
        {MOOD_WORDS.map((word, i) => {
          const mood = i + 1;
          return (
            <label key={mood} class={mood === value ? "mood-option chosen" : "mood-option"}>
              <input
                type="radio"
                name="mood"
                value={mood}
                checked={mood === value}
                aria-label={`${mood}, ${word}`}
                onChange={() => onChange(mood)}
              />
              <MoodFace mood={mood} />
              <span class="mood-number" aria-hidden="true">
                {mood}
              </span>
              <span class="mood-word" aria-hidden="true">
                {word}
              </span>
            </label>
          );
        })}
      </div>
    </div>
  );
}
