import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { COMPANION_SAFETY_TIMEOUT_MS } from "../../shared/limits";
import { baseUrlAllowed, type CompanionEnv, providerFromEnv, safetyClassifierFromEnv, streamPolicy } from "./config";
import { openAiClassifier } from "./second-opinion";

const base = (overrides: Partial<CompanionEnv>): CompanionEnv => ({
  ...env,
  COMPANION_PROVIDER: "",
  COMPANION_BASE_URL: "",
  COMPANION_MODEL: "",
  ...overrides,
});

const encoder = new TextEncoder();

async function collect(it: AsyncIterable<string> | undefined): Promise<string[]> {
  if (!it) throw new Error("no provider");
  const out: string[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("providerFromEnv", () => {
  it("is null without a base URL and a model", () => {
    expect(providerFromEnv(base({}))).toBeNull();
    expect(providerFromEnv(base({ COMPANION_BASE_URL: "https://api.groq.com/openai/v1" }))).toBeNull();
    expect(providerFromEnv(base({ COMPANION_MODEL: "llama-3.1-8b-instant" }))).toBeNull();
  });

  it("is the OpenAI-compatible client with both, whether COMPANION_PROVIDER is empty or openai", () => {
    const settings = { COMPANION_BASE_URL: "https://api.groq.com/openai/v1", COMPANION_MODEL: "llama-3.1-8b-instant" };
    expect(providerFromEnv(base(settings))?.name).toBe("openai-compatible");
    expect(providerFromEnv(base({ ...settings, COMPANION_PROVIDER: "openai" }))?.name).toBe("openai-compatible");
  });

  it("is null for an unknown provider name, or workers-ai without an AI binding", () => {
    const settings = { COMPANION_BASE_URL: "https://api.groq.com/openai/v1", COMPANION_MODEL: "m" };
    expect(providerFromEnv(base({ ...settings, COMPANION_PROVIDER: "gpt" }))).toBeNull();
    expect(providerFromEnv(base({ COMPANION_PROVIDER: "workers-ai" }))).toBeNull();
  });

  it("uses the Workers AI binding when asked and present, reading its streamed `response` events", async () => {
    const calls: { model: string; inputs: unknown }[] = [];
    const AI = {
      run: async (model: string, inputs: unknown) => {
        calls.push({ model, inputs });
        return new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode('data: {"response":"Hi"}\n\ndata: {"response":" there"}\n\n'));
            controller.enqueue(encoder.encode("data: [DONE]\n\n"));
            controller.close();
          },
        });
      },
    };
    const provider = providerFromEnv(base({ COMPANION_PROVIDER: "workers-ai", AI }));
    expect(provider?.name).toBe("workers-ai");
    expect(await collect(provider?.stream([{ role: "user", content: "Hello" }]))).toEqual(["Hi", " there"]);
    expect(calls[0]?.model).toBe("@cf/meta/llama-3.1-8b-instruct");
    expect(calls[0]?.inputs).toMatchObject({ messages: [{ role: "user", content: "Hello" }], stream: true });
  });

  it("retries a Workers AI call that throws, before the first token", async () => {
    let attempts = 0;
    const AI = {
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error("capacity temporarily exceeded");
        return { response: "One piece" };
      },
    };
    const provider = providerFromEnv(base({ COMPANION_PROVIDER: "workers-ai", COMPANION_MODEL: "@cf/x/y", AI }));
    expect(await collect(provider?.stream([{ role: "user", content: "Hello" }]))).toEqual(["One piece"]);
    expect(attempts).toBe(2);
  });
});

describe("baseUrlAllowed", () => {
  it("takes https anywhere, plain http only to this machine or in development", () => {
    expect(baseUrlAllowed("https://api.groq.com/openai/v1", "production")).toBe(true);
    expect(baseUrlAllowed("http://127.0.0.1:11434/v1", "production")).toBe(true);
    expect(baseUrlAllowed("http://localhost:8000/v1", "production")).toBe(true);
    expect(baseUrlAllowed("http://model.example.org/v1", "production")).toBe(false);
    expect(baseUrlAllowed("http://model.example.org/v1", "development")).toBe(true);
    expect(baseUrlAllowed("ftp://model.example.org/v1", "development")).toBe(false);
    expect(baseUrlAllowed("not a url", "development")).toBe(false);
  });
});

describe("streamPolicy", () => {
  it("takes positive integer timeout overrides and ignores anything else", () => {
    expect(
      streamPolicy(base({ COMPANION_FIRST_TOKEN_TIMEOUT_MS: "1500", COMPANION_TIMEOUT_MS: "4000" })),
    ).toMatchObject({ firstTokenTimeoutMs: 1500, overallTimeoutMs: 4000 });
    const defaults = streamPolicy(base({}));
    expect(streamPolicy(base({ COMPANION_FIRST_TOKEN_TIMEOUT_MS: "-1", COMPANION_TIMEOUT_MS: "soon" }))).toEqual(
      defaults,
    );
  });
});

describe("safetyClassifierFromEnv", () => {
  it("is null without a companion model: the rule check stands alone", () => {
    expect(safetyClassifierFromEnv(base({}))).toBeNull();
  });

  it("asks the OpenAI-compatible server, on COMPANION_SAFETY_MODEL or the companion's model, within the deadline", async () => {
    const settings = { COMPANION_BASE_URL: "https://models.example/v1", COMPANION_MODEL: "chat-model" };
    const asked: string[] = [];
    const fetchModel = (async (_url: string, init: RequestInit) => {
      asked.push(JSON.parse(String(init.body)).model);
      return Response.json({ choices: [{ message: { content: "none" } }] });
    }) as unknown as typeof fetch;
    const plain = safetyClassifierFromEnv(base(settings));
    expect(plain?.classifier.name).toBe("openai-compatible");
    expect(plain?.timeoutMs).toBe(COMPANION_SAFETY_TIMEOUT_MS);
    const own = safetyClassifierFromEnv(
      base({ ...settings, COMPANION_SAFETY_MODEL: "guard-model", COMPANION_SAFETY_TIMEOUT_MS: "700" }),
    );
    expect(own?.timeoutMs).toBe(700);
    // The model named is the one asked (through an injected fetch, as the client allows).
    for (const model of ["chat-model", "guard-model"]) {
      await openAiClassifier({ baseUrl: settings.COMPANION_BASE_URL, model, fetch: fetchModel }).classify(
        ["hi"],
        new AbortController().signal,
      );
    }
    expect(asked).toEqual(["chat-model", "guard-model"]);
  });

  it("is Llama Guard on Workers AI when the companion runs there", () => {
    const ai = { run: () => Promise.resolve({ response: "safe" }) };
    const found = safetyClassifierFromEnv(base({ COMPANION_PROVIDER: "workers-ai", AI: ai }));
    expect(found?.classifier.name).toBe("workers-ai");
  });
});
