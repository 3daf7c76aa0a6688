import type { Role } from "../../../../shared/roles";
import { useMeta } from "../../data/meta";
import type { CareTeamCache, CareTeamMember } from "../../data/types";

export { refreshCareTeam } from "../../data/care-team";

export function useCareTeam(): CareTeamCache | null {
  return useMeta<CareTeamCache>("careTeam");
}

/** Who someone is, for a conversation heading: the care team first, then anyone the inbox named. */
export function personOf(
  team: CareTeamCache | null,
  id: string,
): { displayName: string; role: Role | null; member: CareTeamMember | null } {
  const member = team?.members.find((m) => m.id === id) ?? null;
  if (member) return { displayName: member.displayName, role: member.role, member };
  const named = team?.names[id];
  return {
    displayName: named?.displayName ?? "Someone not on your care team",
    role: named?.role ?? null,
    member: null,
  };
}

const ROLE_WORDS: Record<Role, string> = {
  patient: "patient",
  therapist: "therapist",
  clinician: "clinician",
  admin: "Haven team",
};

export function roleWord(role: Role | null): string {
  return role ? ROLE_WORDS[role] : "";
}

/**
 * Why I cannot write to this person, in a sentence, or null when I can. The decision is the
 * server's (`canMessage` from the policy table); this only words it.
 */
export function whyNotMessageable(team: CareTeamCache | null, id: string, myRole: Role): string | null {
  if (team === null) return "Your care team loads the first time Haven is online; then you can write here.";
  const { member, displayName } = personOf(team, id);
  if (member?.canMessage) return null;
  if (!member) return `${displayName} is not on your care team, so you can't write to them here.`;
  const viaTherapist =
    myRole === "patient" && team.members.some((m) => m.role === "therapist" && m.canMessage)
      ? " Your therapist can pass a message on."
      : "";
  return `${myRole === "patient" ? "Patients" : "You"} can't message a ${roleWord(member.role)} directly.${viaTherapist}`;
}
