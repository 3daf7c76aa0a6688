/**
 * A LIKE pattern that matches `text` literally anywhere: %, _ and the escape character itself
 * are escaped, so a search for "50%_off\\" finds exactly that. Use with `ESCAPE '\\'`.
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
