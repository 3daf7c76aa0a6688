/** Base64 without `atob`, so the learned model's tables decode in the Worker, the PWA and Node alike. */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Bytes of a standard base64 string (padding allowed); no `atob`, so it runs in the Worker,
 * the PWA and Node alike.
 * @example decodeBase64("AQL/") // Uint8Array [1, 2, 255]
 */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let k = 0;
  for (let at = 0; at < clean.length; at++) {
    const digit = BASE64.indexOf(clean.charAt(at));
    if (digit < 0) throw new Error("invalid base64");
    buffer = (buffer << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
