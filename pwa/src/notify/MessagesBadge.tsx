import { useNotificationSummary } from "./use-notification-summary";
import "./notify.css";

/**
 * The unread count beside Messages in the navigation: the number is seen, and a screen reader
 * hears the link as "Messages, 2 unread". Nothing when there is nothing unread (or no answer yet).
 */
export function MessagesBadge({
  userId,
  testId = "messages-unread",
  spoken = (n) => `, ${n} unread`,
}: {
  userId: string;
  /** The More tab's copy has its own test id, so the Messages link's badge stays the one. */
  testId?: string;
  /** What a screen reader hears after the link's name. */
  spoken?: (unread: number) => string;
}) {
  const summary = useNotificationSummary(userId);
  const unread = summary?.unreadMessages ?? 0;
  if (unread === 0) return null;
  return (
    <span class="unread-badge" data-testid={testId}>
      <span aria-hidden="true">{unread > 99 ? "99+" : unread}</span>
      <span class="visually-hidden">{spoken(unread)}</span>
    </span>
  );
}
