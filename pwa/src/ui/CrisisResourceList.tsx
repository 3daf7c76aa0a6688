import type { CrisisResource } from "../../../shared/domain/risk";

/**
 * Crisis services as one-tap call or text links (`tel:` / `sms:`), which need no network of
 * Haven's: the list comes from shared/domain/risk.ts on the device. Used wherever a risk answer
 * must show help at once.
 */
export function CrisisResourceList({ resources }: { resources: readonly CrisisResource[] }) {
  return (
    <ul class="resources" data-testid="crisis-resources">
      {resources.map((r) => (
        <li key={`${r.name}-${r.kind}`}>
          <a class="call" href={`${r.kind === "text" ? "sms" : "tel"}:${r.contact.replace(/\s/g, "")}`}>
            {r.kind === "text" ? "Text" : "Call"} {r.contact}
          </a>{" "}
          <span>{r.name}</span>
        </li>
      ))}
    </ul>
  );
}
