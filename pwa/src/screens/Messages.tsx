import { useEffect, useState } from "preact/hooks";
import { useEntities } from "../data/entities";
import type { MessageView } from "../data/types";
import { useOnline } from "../data/use-online";
import { Conversation } from "./messages/Conversation";
import { refreshCareTeam, useCareTeam } from "./messages/care-team";
import { Inbox } from "./messages/Inbox";
import { Search } from "./messages/Search";
import { threadsOf } from "./messages/threads";
import type { ScreenProps } from "./types";
import "./messages.css";

const withParam = () => new URLSearchParams(location.search).get("with");

/**
 * The open conversation lives in the URL (`/messages?with=<id>`), so a reload (offline too)
 * reopens it and the browser's Back button returns to the inbox.
 */
function useOpenConversation(): [string | null, (id: string | null) => void] {
  const [open, setOpen] = useState(withParam);
  useEffect(() => {
    const update = () => setOpen(withParam());
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  const go = (id: string | null) => {
    history.pushState(null, "", id ? `/messages?with=${encodeURIComponent(id)}` : "/messages");
    setOpen(id);
    // Keyboard and screen-reader users land on what just opened.
    queueMicrotask(() => document.getElementById(id ? "conversation-title" : "screen-title")?.focus());
  };
  return [open, go];
}

/**
 * Messages: conversations with my care team, from the device's copy (offline too). Sending goes
 * through the outbox; marking read and deleting are for when there is a connection.
 */
export default function Messages({ user, onWrite }: ScreenProps) {
  const messages = useEntities<MessageView>("message");
  const team = useCareTeam();
  const online = useOnline();
  const [open, go] = useOpenConversation();

  // The care team is fetched whenever the screen opens or the connection returns.
  useEffect(() => {
    if (online) void refreshCareTeam();
  }, [online]);

  const threads = threadsOf(messages, user.id);
  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Messages
      </h2>
      {open ? (
        <Conversation
          user={user}
          onWrite={onWrite}
          partnerId={open}
          thread={threads.find((t) => t.partnerId === open) ?? null}
          team={team}
          online={online}
          onBack={() => go(null)}
        />
      ) : (
        <>
          <Inbox user={user} threads={threads} team={team} onOpen={go} />
          <Search user={user} messages={messages} team={team} onOpen={go} />
        </>
      )}
    </>
  );
}
