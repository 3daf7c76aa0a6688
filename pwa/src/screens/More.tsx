import type { ComponentChildren } from "preact";
import { MessagesBadge } from "../notify/MessagesBadge";
import { Link } from "../ui/Link";
import { NavIcon } from "../ui/NavIcon";
import { SCREENS } from ".";
import "./more.css";

/**
 * The phone's More screen (issue 19): every screen that is not a tab of the bottom bar, with the
 * unread count beside Messages, and Sign out at the end (out of the main navigation).
 */
export function More({ userId, signOut }: { userId: string; signOut: ComponentChildren }) {
  return (
    <section class="more" aria-labelledby="more-title">
      <h2 id="more-title">More</h2>
      <ul class="more-list">
        {SCREENS.filter((s) => s.place === "more").map((s) => (
          <li key={s.path}>
            <Link href={s.path}>
              <NavIcon path={s.path} />
              <span class="more-label">{s.label}</span>
              {s.path === "/messages" ? <MessagesBadge userId={userId} /> : null}
            </Link>
          </li>
        ))}
      </ul>
      <div class="more-sign-out">{signOut}</div>
    </section>
  );
}
