import { describe, expect, it } from "vitest";
import { nameKey, visibleName } from "../../src/workbook/portfolioNames";
import { readPlan } from "../../src/workbook/readPlan";
import { serial, table } from "../support/tables";

const NFD = "Cre\u0301dit Fund"; // é as e + combining acute
const NFC = "Crédit Fund";

function workbook(portfolio: string, elsewhere: string) {
  return {
    dateSystem: "1900" as const,
    tables: [
      table("Portfolios", [{ Portfolio: portfolio }]),
      table("Payments", [
        { Date: serial("2026-08-05"), Portfolio: elsewhere, Amount: 15500, Reference: "July" },
      ]),
      table("NetAssets", [
        { Date: serial("2026-07-01"), Portfolio: elsewhere, "Class B net assets": 1000 },
      ]),
    ],
  };
}

describe("portfolio names are one name whatever invisible spelling they carry", () => {
  it("the key is NFC, every Unicode space one space, trimmed, case folded", () => {
    expect(nameKey(NFD)).toBe(nameKey(NFC));
    expect(nameKey("Growth\u00a0Fund")).toBe("growth fund");
    expect(nameKey("\u3000Growth \u2009 FUND\u202f")).toBe("growth fund");
    expect(nameKey("Growth Fund")).not.toBe(nameKey("GrowthFund"));
  });

  it("shows what differs: a no-break space by its code point, decomposed accents by a note", () => {
    expect(visibleName("Growth\u00a0Fund")).toBe("Growth[U+00A0]Fund");
    expect(visibleName(NFD)).toBe(`${NFD} (accents stored as separate marks)`);
    expect(visibleName("Growth Fund")).toBe("Growth Fund");
  });

  it("a payment under Growth\u00a0Fund (NBSP) belongs to Growth Fund, with a warning giving both spellings", () => {
    const read = readPlan(workbook("Growth Fund", "Growth\u00a0Fund"));
    expect(read.plan.payments.map((p) => p.portfolio)).toEqual(["Growth Fund"]);
    expect(read.plan.netAssets.map((r) => r.portfolio)).toEqual(["Growth Fund"]);
    const warnings = read.exceptions.filter((e) => e.severity === "warning");
    // One warning per distinct spelling, located at the first row that used it (Payments comes first).
    expect(warnings.map((w) => [w.message, w.source?.table])).toEqual([
      [
        'Portfolio "Growth Fund" is spelled "Growth[U+00A0]Fund" here, which differs only by spaces or Unicode form; rule12b1 reads it as "Growth Fund". Retype it so every table spells it the same.',
        "Payments",
      ],
    ]);
  });

  it("an NFD spelling in NetAssets is the NFC portfolio", () => {
    const read = readPlan(workbook(NFC, NFD));
    expect(read.plan.netAssets[0]!.portfolio).toBe(NFC);
    expect(
      read.exceptions.some((e) => e.message.includes("accents stored as separate marks"))
    ).toBe(true);
  });

  it("two Portfolios rows differing only by a no-break space are a duplicate, with both spellings", () => {
    const read = readPlan({
      dateSystem: "1900",
      tables: [
        table("Portfolios", [{ Portfolio: "Growth Fund" }, { Portfolio: "Growth\u00a0Fund" }]),
      ],
    });
    expect(read.exceptions.map((e) => e.message)).toContain(
      'Portfolio "Growth\u00a0Fund" appears twice (spelled "Growth Fund" and "Growth[U+00A0]Fund", which differ only by spaces or Unicode form); names must be unique.'
    );
  });
});
