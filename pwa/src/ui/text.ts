/** The first letter in capitals: "medium" → "Medium" (labels made from ids). */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
