import type { PublicUser } from "../../../../shared/schemas/auth";
import type { CareTeamCache } from "../../data/types";
import { friendlyDateTime } from "../../ui/dates";
import { personOf, roleWord, whyNotMessageable } from "./care-team";
import { preview, type Thread } from "./threads";

interface InboxProps {
  user: PublicUser;
  threads: Thread[];
  team: CareTeamCache | null;
  onOpen: (partnerId: string) => void;
}

/** The inbox (one row per conversation) and the care team to start a conversation with. */
export function Inbox({ user, threads, team, onOpen }: InboxProps) {
  return (
    <>
      <section class="card" aria-labelledby="conversations-title">
        <h3 id="conversations-title">Conversations</h3>
        {threads.length === 0 ? (
          <p>No messages yet. You can write to someone on your care team below.</p>
        ) : (
          <ul class="threads" data-testid="conversations">
            {threads.map((t) => {
              const { displayName } = personOf(team, t.partnerId);
              const mine = t.last.senderId === user.id;
              return (
                <li key={t.partnerId}>
                  <button type="button" class="thread" onClick={() => onOpen(t.partnerId)}>
                    <span class="thread-head">
                      <strong>{displayName}</strong>
                      {t.unread > 0 ? <span class="unread">{t.unread} unread</span> : null}
                      <span class="muted thread-time">{friendlyDateTime(t.last.sentAt, user.timezone)}</span>
                    </span>
                    <span class="thread-preview">
                      {mine ? "You: " : ""}
                      {preview(t.last.body)}
                      {t.last.pending ? <span class="pending"> · waiting to sync</span> : null}
                      {t.last.rejected ? <span class="refused"> · not sent</span> : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <CareTeam user={user} team={team} onOpen={onOpen} />
    </>
  );
}

function CareTeam({ user, team, onOpen }: Omit<InboxProps, "threads">) {
  const patient = user.role === "patient";
  return (
    <section class="card" aria-labelledby="care-team-title">
      <h3 id="care-team-title">{patient ? "Your care team" : "People you look after"}</h3>
      {team === null ? (
        <p>Your care team shows here once Haven has been online.</p>
      ) : team.members.length === 0 ? (
        <p>
          {patient
            ? "No one is assigned to look after you yet. Once someone is, you can write to them here."
            : "No one is assigned to you yet."}
        </p>
      ) : (
        <ul class="rows" data-testid="care-team">
          {team.members.map((m) => {
            const why = whyNotMessageable(team, m.id, user.role);
            return (
              <li key={m.id} data-testid="care-team-member">
                <span class="grow">
                  <strong>{m.displayName}</strong> <span class="muted">· {roleWord(m.role)}</span>
                  {why ? <span class="why">{why}</span> : null}
                </span>
                {why ? null : (
                  <button type="button" aria-label={`Message ${m.displayName}`} onClick={() => onOpen(m.id)}>
                    Message
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
