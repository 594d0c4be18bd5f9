import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { payeeFindings } from "../../src/engine/payees";
import type { Agreement, Expenditure } from "../../src/engine/plan";
import { vote } from "../support/build";

const governance = [vote("2022-09-14", "Approval", "All"), vote("2023-03-08", "Approval", "All")];

const servicing: Agreement = {
  agreement: "Contract Owner Servicing Agreement",
  counterparty: "Harbor Life Insurance Co.",
  portfolio: "All",
  approved: day("2022-09-14"),
  inWriting: true,
  noticeDays: 30,
  assigned: day("2026-03-31"),
  terminated: null,
};
const selling: Agreement = {
  agreement: "Selling Agreement",
  counterparty: "Summit Securities LLC",
  portfolio: "Growth",
  approved: day("2023-03-08"),
  inWriting: true,
  noticeDays: 60,
  assigned: null,
  terminated: null,
};

function paid(
  iso: string,
  portfolio: string,
  category: string,
  payee: string,
  extra: Partial<Expenditure> = {}
): Expenditure {
  return {
    date: day(iso),
    portfolio,
    category,
    amount: new Decimal("12345.67"),
    payee,
    description: "",
    source: { table: "Expenditures", row: 4 },
    ...extra,
  };
}

const findings = (expenditures: Expenditure[]) =>
  payeeFindings(expenditures, [servicing, selling], governance);

describe("payees need agreements in force (Plan §7)", () => {
  it("a servicing payment after the agreement's assignment is an error naming payee, portfolio and date", () => {
    const [finding, ...rest] = findings([
      paid("2026-04-15", "Growth", "i", " harbor life insurance co. "),
    ]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: "error",
      rule: "payee-without-agreement",
      portfolio: "Growth",
      date: day("2026-04-15"),
      source: { table: "Expenditures", row: 4, column: "Payee" },
    });
    expect(finding!.message).toContain(
      "Payment of 12,345.67 to harbor life insurance co. for Growth on 2026-04-15, category (i)"
    );
    expect(finding!.message).toContain("Plan §7");
    // The day before the assignment it was in force.
    expect(findings([paid("2026-03-30", "Growth", "i", "Harbor Life Insurance Co.")])).toEqual([]);
  });

  it("an agreement for one portfolio does not cover another: Summit paid for Mid Cap is an error", () => {
    expect(findings([paid("2026-05-01", "Growth", "c", "Summit Securities LLC")])).toEqual([]);
    const [finding] = findings([paid("2026-05-01", "Mid Cap", "c", "Summit Securities LLC")]);
    expect(finding!.message).toContain(
      "no agreement with Summit Securities LLC for Mid Cap is in the Agreements table"
    );
  });

  it("categories (c), (h), (i) need an agreement even when the payee is in no agreement", () => {
    const rows = [
      paid("2026-05-01", "Growth", "(h)", "Northwind Brokerage"),
      paid("2026-05-01", "Growth", "C)", "Northwind Brokerage"),
    ];
    expect(findings(rows).map((f) => f.rule)).toEqual([
      "payee-without-agreement",
      "payee-without-agreement",
    ]);
  });

  it("the distributor's own vendors in other categories need none, but a counterparty does in any category", () => {
    expect(findings([paid("2026-05-01", "Growth", "b", "Lakeside Printing Co.")])).toEqual([]);
    // Harbor is a counterparty: paying it in category (f) after the assignment is still an error.
    expect(findings([paid("2026-05-01", "Growth", "f", "Harbor Life Insurance Co.")])).toHaveLength(
      1
    );
  });

  it("the Agreement column names the agreement a payment is made under", () => {
    // Summit is paid under its own Selling Agreement, named in the row: covered.
    const row = paid("2026-05-01", "Growth", "c", "Summit Securities LLC", {
      agreement: "selling agreement",
    });
    expect(payeeFindings([row], [selling], governance)).toEqual([]);
    const unknown = paid("2026-05-01", "Growth", "c", "Summit Securities LLC", {
      agreement: "Side Letter",
    });
    expect(payeeFindings([unknown], [selling], governance)[0]!.message).toContain(
      'the agreement "Side Letter" named for it is not in force for Growth on that date'
    );
  });

  it("a payee paid under someone else's agreement is an error: the payee must be its counterparty (issue 20 item 6)", () => {
    // Until issue 20 a (c) payment to "Shady Broker" naming Acme's agreement passed: the
    // agreement was in force, and nobody asked whether Shady Broker was a party to it.
    const distribution: Agreement = {
      ...selling,
      agreement: "Distribution Agreement",
      counterparty: "Acme Fund Distributors, Inc.",
      portfolio: "All",
      approved: day("2022-09-14"),
    };
    const row = paid("2026-05-01", "Mid Cap", "c", "Shady Broker", {
      agreement: "Distribution Agreement",
    });
    const [finding, ...rest] = payeeFindings([row], [distribution], governance);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: "error",
      rule: "payee-without-agreement",
      portfolio: "Mid Cap",
      date: day("2026-05-01"),
    });
    expect(finding!.message).toContain(
      'the agreement "Distribution Agreement" named for it is with Acme Fund Distributors, Inc., not with Shady Broker'
    );
    // Acme itself, paid under its own agreement, is covered.
    expect(
      payeeFindings(
        [{ ...row, payee: " acme fund distributors, inc. " }],
        [distribution],
        governance
      )
    ).toEqual([]);
  });

  it("an agreement without its §3 vote does not cover payments", () => {
    expect(
      payeeFindings([paid("2026-05-01", "Growth", "c", "Summit Securities LLC")], [selling], [])
    ).toHaveLength(1);
  });
});

describe("an Other payment to an intermediary needs an agreement as (c)/(h)/(i) do (review item 6)", () => {
  it("a broker-dealer or a commission entered as Other, with no agreement, is an error", () => {
    const found = findings([
      // No agreement with Shady Securities Inc. at all: the payee's name says broker-dealer.
      paid("2026-04-15", "Growth", "Other", "Shady Securities Inc."),
      // A commission to a firm with no agreement: the Description says what was paid.
      paid("2026-04-16", "Growth", "Other", "Jones & Co.", { description: "Trail commission, Q1" }),
      // Summit's selling agreement is for Growth only: a payment for Income is not under it.
      paid("2026-04-17", "Income", "Other", "Summit Securities LLC"),
    ]);
    expect(found.map((f) => [f.rule, f.date])).toEqual([
      ["payee-without-agreement", day("2026-04-15")],
      ["payee-without-agreement", day("2026-04-16")],
      ["payee-without-agreement", day("2026-04-17")],
    ]);
    expect(found[0]!.message).toContain(
      "to Shady Securities Inc. for Growth on 2026-04-15, category Other"
    );
  });

  it("the distributor's vendor paid under Other, and a broker under its agreement, need nothing more", () => {
    expect(
      findings([
        paid("2026-04-15", "Growth", "Other", "Expo Hall LLC", {
          description: "Booth at the broker-dealer conference to promote Class B sales",
        }),
        paid("2026-04-15", "Growth", "Other", "Summit Securities LLC"),
      ])
    ).toEqual([]);
  });
});
