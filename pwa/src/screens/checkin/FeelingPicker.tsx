import { useState } from "preact/hooks";
import { EMOTION_QUADRANTS, normaliseTag, TAG_LIMITS, TOPIC_TAGS, toggleTag } from "../../../../shared/domain/emotions";

/**
 * Optional emotion words (energy × pleasantness) and topics, stored as the check-in's tags, and
 * a tag of one's own. Each is a toggle button (aria-pressed), so the choice reads without colour.
 */
export function FeelingPicker({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const [own, setOwn] = useState("");
  const [hint, setHint] = useState("");
  const chip = (tag: string) => (
    <li key={tag}>
      <button
        type="button"
        class="chip"
        aria-pressed={tags.includes(tag)}
        onClick={() => {
          setHint(
            !tags.includes(tag) && tags.length >= TAG_LIMITS.tagsMax ? "That is as many as one check-in keeps." : "",
          );
          onChange(toggleTag(tags, tag));
        }}
      >
        {tags.includes(tag) ? <span aria-hidden="true">✓ </span> : null}
        {tag}
      </button>
    </li>
  );
  const extra = tags.filter((t) => !TOPIC_TAGS.includes(t) && !EMOTION_QUADRANTS.some((q) => q.words.includes(t)));

  function addOwn() {
    const tag = normaliseTag(own);
    if (tag === null) {
      setHint(own.trim() ? `A tag holds up to ${TAG_LIMITS.tagMax} characters.` : "");
      return;
    }
    if (tags.includes(tag)) return setOwn("");
    if (tags.length >= TAG_LIMITS.tagsMax) return setHint("That is as many as one check-in keeps.");
    onChange(toggleTag(tags, tag));
    setOwn("");
    setHint("");
  }

  return (
    <details class="feelings" open={tags.length > 0}>
      <summary>Add feelings and tags (optional){tags.length > 0 ? ` · ${tags.length} chosen` : ""}</summary>
      {EMOTION_QUADRANTS.map((q) => (
        <div key={q.label} class={`quadrant ${q.energy}-${q.pleasantness}`}>
          <p class="quadrant-label" id={`q-${q.energy}-${q.pleasantness}`}>
            {q.label}{" "}
            <span class="muted">
              ({q.energy} energy, {q.pleasantness})
            </span>
          </p>
          <ul class="chips" aria-labelledby={`q-${q.energy}-${q.pleasantness}`}>
            {q.words.map(chip)}
          </ul>
        </div>
      ))}
      <p class="quadrant-label" id="topics-label">
        What is it about?
      </p>
      <ul class="chips" aria-labelledby="topics-label">
        {TOPIC_TAGS.map(chip)}
        {extra.map(chip)}
      </ul>
      <div class="own-tag">
        <label>
          Your own tag
          <input
            type="text"
            value={own}
            maxLength={TAG_LIMITS.tagMax}
            onInput={(e) => setOwn(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              addOwn();
            }}
          />
        </label>
        <button type="button" class="secondary" onClick={addOwn}>
          Add tag
        </button>
      </div>
      {hint ? <p class="muted">{hint}</p> : null}
    </details>
  );
}
