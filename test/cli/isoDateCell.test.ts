import { describe, expect, it } from "vitest";
import { serialFromIsoCell } from "../../src/cli/xlsx/ooxml/isoDateCell";

describe('a date stored as ISO 8601 text (t="d") is read as the serial Excel shows', () => {
  it("30 June 2026 is serial 46,203 in the 1900 system (1899-12-30 + 46,203 days) and 44,741 in the 1904 system (1,462 fewer)", () => {
    expect(serialFromIsoCell("2026-06-30T00:00:00", "1900")).toBe(46203);
    expect(serialFromIsoCell("2026-06-30", "1900")).toBe(46203);
    expect(serialFromIsoCell("2026-06-30T00:00:00", "1904")).toBe(46203 - 1462);
  });

  it("a time of day is the serial's fraction: noon is .5, 06:00 is .25", () => {
    expect(serialFromIsoCell("2026-06-30T12:00:00", "1900")).toBe(46203.5);
    expect(serialFromIsoCell("2026-06-30T06:00:00.000", "1900")).toBe(46203.25);
  });

  it("with no offset the date is the date written, whatever the machine's time zone (read as UTC)", () => {
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati"; // UTC+14: local midnight would be the day before in UTC
    try {
      expect(serialFromIsoCell("2026-01-01T00:00:00", "1900")).toBe(46023);
    } finally {
      process.env.TZ = zone;
    }
  });

  it("text that is not an ISO 8601 date, or names a day that does not exist, is not a date", () => {
    for (const text of ["June 30, 2026", "2026-6-30", "30/06/2026", "2026-02-30", "2026-13-01", ""])
      expect(serialFromIsoCell(text, "1900"), text).toBeNull();
  });
});
