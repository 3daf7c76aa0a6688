import type { ComponentChildren } from "preact";
import { followLink } from "../router";

export function Link({
  href,
  children,
  class: className,
  current,
  testId,
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
  testId?: string;
}) {
  return (
    <a
      href={href}
      class={className}
      aria-current={current ? "page" : undefined}
      data-testid={testId}
      onClick={(e) => followLink(e, href)}
    >
      {children}
    </a>
  );
}
