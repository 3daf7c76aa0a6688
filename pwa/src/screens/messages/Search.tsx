import { useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import type { CareTeamCache } from "../../data/types";
import { friendlyDateTime } from "../../ui/dates";
import { personOf } from "./care-team";
import { type LocalMessage, partnerOf, searchMessages, snippet } from "./threads";

interface SearchProps {
  user: PublicUser;
  messages: LocalMessage[];
  team: CareTeamCache | null;
  onOpen: (partnerId: string) => void;
}

/** Searches my messages on this device, so it works offline as well as on. */
export function Search({ user, messages, team, onOpen }: SearchProps) {
  const [query, setQuery] = useState("");
  const results = searchMessages(messages, query);
  const searching = query.trim().length > 0;
  return (
    <section class="card" aria-labelledby="search-title">
      <h3 id="search-title">Search my messages</h3>
      <label>
        Words to find
        <input type="search" maxLength={200} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      <p role="status" class="muted" data-testid="search-status">
        {searching ? `${results.length === 50 ? "50+" : results.length} found` : ""}
      </p>
      {searching && results.length > 0 ? (
        <ul class="rows" data-testid="search-results">
          {results.map((m) => {
            const partner = partnerOf(m, user.id);
            const name = personOf(team, partner).displayName;
            return (
              <li key={m.id}>
                <span class="grow">
                  <strong>{m.senderId === user.id ? `You to ${name}` : name}</strong>{" "}
                  <span class="muted">{friendlyDateTime(m.sentAt, user.timezone)}</span>
                  <span class="result-body">{snippet(m.body, query)}</span>
                </span>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Open conversation with ${name}`}
                  onClick={() => onOpen(partner)}
                >
                  Open
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
