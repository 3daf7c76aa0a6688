import type { CareScreenProps } from "../screens";

/** Placeholder until this screen lands in this work (issue 16). */
export default function Screen(_: CareScreenProps) {
  return (
    <h2 id="screen-title" tabIndex={-1}>
      Not built yet
    </h2>
  );
}
