/**
 * The companion's history: my conversations, paged; one conversation's turns; deleting one or
 * all of them; another patient's are "not found"; the export carries them and deleting the
 * account removes them.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CompanionMessageView, ConversationView } from "../../shared/schemas/companion";
import { companionCall, consentingPatient, countRows } from "./companion-helpers";
import { call, errorOf, json, PASSWORD, register } from "./helpers";

interface Page<T> {
  items: T[];
  cursor: string | null;
  hasMore: boolean;
}

/** A conversation with `turns` alternating user/assistant turns, straight into D1. */
async function seedConversation(userId: string, updatedAt: number, turns = 2): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO companion_conversations (id, user_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(id, userId, `Chat ${updatedAt}`, updatedAt - 1000, updatedAt)
    .run();
  for (let i = 0; i < turns; i++) {
    await env.DB.prepare(
      "INSERT INTO companion_messages (id, conversation_id, user_id, role, content, replaced, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
    )
      .bind(crypto.randomUUID(), id, userId, i % 2 === 0 ? "user" : "assistant", `turn ${i}`, updatedAt - 1000 + i)
      .run();
  }
  return id;
}

describe("GET /api/v1/companion/conversations", () => {
  it("lists only my conversations, most recently active first, paged", async () => {
    const p = await consentingPatient();
    const other = await consentingPatient();
    const older = await seedConversation(p.userId, 1_000_000);
    const newest = await seedConversation(p.userId, 3_000_000);
    const middle = await seedConversation(p.userId, 2_000_000);
    await seedConversation(other.userId, 5_000_000);

    const first = await json<Page<ConversationView>>(
      await companionCall("/conversations?limit=2", { token: p.accessToken }),
    );
    expect(first.items.map((c) => c.id)).toEqual([newest, middle]);
    expect(first.hasMore).toBe(true);
    const second = await json<Page<ConversationView>>(
      await companionCall(`/conversations?limit=2&cursor=${first.cursor}`, { token: p.accessToken }),
    );
    expect(second).toEqual({ items: [expect.objectContaining({ id: older })], cursor: null, hasMore: false });
  });

  it("pages one conversation's turns, newest first, and 404s another patient's", async () => {
    const p = await consentingPatient();
    const id = await seedConversation(p.userId, 1_000_000, 5);
    const page = await json<Page<CompanionMessageView> & { conversation: ConversationView }>(
      await companionCall(`/conversations/${id}?limit=3`, { token: p.accessToken }),
    );
    expect(page.conversation.id).toBe(id);
    expect(page.items.map((m) => m.content)).toEqual(["turn 4", "turn 3", "turn 2"]);
    const rest = await json<Page<CompanionMessageView>>(
      await companionCall(`/conversations/${id}?limit=3&cursor=${page.cursor}`, { token: p.accessToken }),
    );
    expect(rest.items.map((m) => m.content)).toEqual(["turn 1", "turn 0"]);

    const stranger = await consentingPatient();
    const res = await companionCall(`/conversations/${id}`, { token: stranger.accessToken });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("NOT_FOUND");
  });
});

describe("DELETE /api/v1/companion/conversations", () => {
  it("deletes one conversation with its turns; another patient's is 404 and stays", async () => {
    const p = await consentingPatient();
    const stranger = await consentingPatient();
    const mine = await seedConversation(p.userId, 1_000_000, 4);
    const kept = await seedConversation(p.userId, 2_000_000, 2);
    const theirs = await seedConversation(stranger.userId, 1_000_000, 2);

    expect((await companionCall(`/conversations/${theirs}`, { token: p.accessToken, method: "DELETE" })).status).toBe(
      404,
    );
    expect(await countRows("companion_messages", stranger.userId)).toBe(2);

    expect((await companionCall(`/conversations/${mine}`, { token: p.accessToken, method: "DELETE" })).status).toBe(
      204,
    );
    expect((await companionCall(`/conversations/${mine}`, { token: p.accessToken })).status).toBe(404);
    const left = await env.DB.prepare("SELECT conversation_id FROM companion_messages WHERE user_id = ?")
      .bind(p.userId)
      .all<{ conversation_id: string }>();
    expect(new Set(left.results.map((r) => r.conversation_id))).toEqual(new Set([kept]));
  });

  it("deletes all my history at once, and only mine", async () => {
    const p = await consentingPatient();
    const stranger = await consentingPatient();
    await seedConversation(p.userId, 1_000_000);
    await seedConversation(p.userId, 2_000_000);
    await seedConversation(stranger.userId, 1_000_000);
    expect((await companionCall("/conversations", { token: p.accessToken, method: "DELETE" })).status).toBe(204);
    expect(await countRows("companion_conversations", p.userId)).toBe(0);
    expect(await countRows("companion_messages", p.userId)).toBe(0);
    expect(await countRows("companion_conversations", stranger.userId)).toBe(1);
  });
});

describe("my data and the companion", () => {
  it("exports my conversations with their turns, and my journal", async () => {
    const p = await register();
    const id = await seedConversation(p.user.id, 1_000_000, 2);
    const entryId = crypto.randomUUID();
    await call("/api/v1/sync/push", {
      token: p.accessToken,
      body: {
        clientId: "d",
        operations: [
          {
            opId: crypto.randomUUID(),
            type: "journal.write",
            at: new Date().toISOString(),
            payload: {
              id: entryId,
              kind: "thought_record",
              entry: {
                situation: "Meeting",
                thoughts: "They think I'm useless",
                feelings: "Anxious 70%",
                evidenceFor: "Nobody replied",
                evidenceAgainst: "My manager thanked me",
                balancedThought: "People were busy",
              },
            },
          },
        ],
      },
    });
    const body = await json<{
      companion: { conversations: (ConversationView & { messages: CompanionMessageView[] })[] };
      journal: { id: string; entry: { situation: string } }[];
    }>(await call("/api/v1/me/export", { token: p.accessToken }));
    expect(body.companion.conversations).toHaveLength(1);
    expect(body.companion.conversations[0]?.id).toBe(id);
    expect(body.companion.conversations[0]?.messages.map((m) => m.content)).toEqual(["turn 0", "turn 1"]);
    expect(body.journal).toEqual([
      expect.objectContaining({ id: entryId, entry: expect.objectContaining({ situation: "Meeting" }) }),
    ]);
  });

  it("deletes my conversations, turns and journal with my account", async () => {
    const p = await register();
    await seedConversation(p.user.id, 1_000_000, 2);
    await env.DB.prepare(
      "INSERT INTO journal_entries (user_id, id, kind, entry, at, created_at, updated_at) VALUES (?, ?, 'thought_record', '{}', 0, 0, 0)",
    )
      .bind(p.user.id, crypto.randomUUID())
      .run();
    const res = await call("/api/v1/me", { method: "DELETE", token: p.accessToken, body: { password: PASSWORD } });
    expect(res.status).toBe(204);
    expect(await countRows("companion_conversations", p.user.id)).toBe(0);
    expect(await countRows("companion_messages", p.user.id)).toBe(0);
    const journal = await env.DB.prepare("SELECT count(*) AS n FROM journal_entries WHERE user_id = ?")
      .bind(p.user.id)
      .first<{ n: number }>();
    expect(journal?.n).toBe(0);
  });
});
