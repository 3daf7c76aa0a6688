import { useNotificationSummary } from "./use-notification-summary";
import "./notify.css";

/**
 * The unread count beside Messages in the navigation: the number is seen, and a screen reader
 * hears the link as "Messages, 2 unread". Nothing when there is nothing unread (or no answer yet).
 */
export function MessagesBadge({ userId }: { userId: string }) {
  const summary = useNotificationSummary(userId);
  const unread = summary?.unreadMessages ?? 0;
  if (unread === 0) return null;
  return (
    <span class="unread-badge" data-testid="messages-unread">
      <span aria-hidden="true">{unread > 99 ? "99+" : unread}</span>
      <span class="visually-hidden">, {unread} unread</span>
    </span>
  );
}
