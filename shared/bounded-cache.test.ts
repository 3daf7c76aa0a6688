import { describe, expect, it } from "vitest";
import { boundedCache } from "./bounded-cache";

describe("boundedCache", () => {
  it("makes each answer once, keeps at most `max`, and forgets a rejected promise", async () => {
    let made = 0;
    const cache = boundedCache<number>(2);
    const make = () => ++made;
    expect([cache("a", make), cache("a", make), cache("b", make)]).toEqual([1, 1, 2]);
    expect(cache("c", make)).toBe(3); // full: forgotten, then kept again
    expect(cache("a", make)).toBe(4);

    let attempts = 0;
    const failing = boundedCache<Promise<string>>(4);
    const attempt = () => {
      attempts++;
      return attempts === 1 ? Promise.reject(new Error("once")) : Promise.resolve("ok");
    };
    await expect(failing("k", attempt)).rejects.toThrow("once");
    expect(await failing("k", attempt)).toBe("ok");
    expect(await failing("k", attempt)).toBe("ok");
    expect(attempts).toBe(2);
  });
});
