import { z } from "zod";
import { givenPassword } from "./auth";

/** Deleting my account needs my password again: a stolen access token alone cannot do it. */
export const deleteAccountBody = z.strictObject({ password: givenPassword });
