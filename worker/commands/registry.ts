import type { CommandPayload, CommandType } from "../../shared/schemas/commands";
import { logMood, submitAssessment, updateSafetyPlan } from "./check-ins";
import { archiveHabit, completeHabit, createHabit, uncompleteHabit, updateHabit } from "./habits";
import { writeJournal } from "./journal";
import { sendMessage } from "./messages";
import { adoptPet, buyItem, declutter, feedPet, returnFromAdventure, startAdventure } from "./pet";
import { createQuest, toggleQuestStep, updateQuest } from "./quests";
import { raiseDeviceFlag } from "./risk-flag";
import type { Command, CommandContext, Decision } from "./types";

type Handler<T extends CommandType> = (ctx: CommandContext, payload: CommandPayload<T>, cmd: Command) => Decision;

/** One handler per command type: REST routes and sync push both come here. */
export const HANDLERS: { [T in CommandType]: Handler<T> } = {
  "habit.create": createHabit,
  "habit.update": updateHabit,
  "habit.archive": archiveHabit,
  "habit.complete": completeHabit,
  "habit.uncomplete": uncompleteHabit,
  "quest.create": createQuest,
  "quest.update": updateQuest,
  "quest.setStatus": updateQuest,
  "quest.toggleStep": toggleQuestStep,
  "mood.log": logMood,
  "assessment.submit": submitAssessment,
  "safetyPlan.update": updateSafetyPlan,
  "pet.adopt": adoptPet,
  "pet.feed": feedPet,
  "pet.buy": buyItem,
  "pet.declutter": declutter,
  "pet.adventure": startAdventure,
  "pet.return": returnFromAdventure,
  "message.send": sendMessage,
  "journal.write": writeJournal,
  "risk.flag": raiseDeviceFlag,
};
