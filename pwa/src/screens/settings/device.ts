/** First match wins: Edge and Opera also say "Chrome", and Chrome also says "Safari". */
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\//, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
];

/** First match wins: Android also says "Linux". */
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iPhone or iPad"],
  [/Windows/, "Windows"],
  [/Macintosh|Mac OS X/, "Mac"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/**
 * A short, human name for the browser behind a session's user agent ("Chrome on Android"):
 * enough to recognise one's own devices by, nothing more.
 */
export function describeDevice(userAgent: string | null): string {
  const browser = BROWSERS.find(([pattern]) => userAgent && pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => userAgent && pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "An unknown device";
}
