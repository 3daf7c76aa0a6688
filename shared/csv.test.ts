import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("calm day")).toBe("calm day");
    expect(csvCell(7)).toBe("7");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
  });

  it("quotes cells with commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell('said "hi", then left')).toBe('"said ""hi"", then left"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    for (const text of ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)"])
      expect(csvCell(text).replace(/^"/, "")).toMatch(/^'/);
  });

  it("round-trips any text through a minimal RFC 4180 reader", () => {
    const read = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const back = read(csvCell(text));
        expect(back === text || back === `'${text}`).toBe(true);
      }),
    );
  });
});

describe("toCsv", () => {
  it("writes the header then one CRLF-terminated line per row", () => {
    expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
