/**
 * Every message a RULE12B1 function can show in Excel's error tooltip, in one
 * place (STYLE §14). `where` is the argument and, for ranges, the row:
 * "netAssets, row 4". Keep them short: Excel shows one line.
 */
export const MESSAGES = {
  blank: (where: string) => `${where} is blank.`,
  holdsError: (where: string, literal: string) => `${where} holds the error ${literal}.`,
  notANumber: (where: string, text: string) => `${where} is the text "${text}", not a number.`,
  logicalNotNumber: (where: string, value: boolean) =>
    `${where} is ${value ? "TRUE" : "FALSE"}, not a number.`,
  /** A cell the plan tables' reading rule (src/workbook/cells.ts) refuses, in its words. */
  refused: (where: string, problem: string) => `${where} ${problem}.`,
  zeroNetAssets: (where: string, besideDate: boolean) =>
    `${where} is 0, which is how Excel passes a blank cell: a blank NAV is never zero net assets. Enter the Class B net assets${besideDate ? ", or clear the date of a day with no NAV" : ""}.`,
  notAValue: (where: string) => `${where} is not a number, a date or text.`,
  negative: (where: string, value: string) => `${where} is negative (${value}).`,
  notWhole: (where: string, value: string) => `${where} must be a whole number (it is ${value}).`,
  belowMinimum: (where: string, value: string, minimum: number) =>
    `${where} must be at least ${minimum} (it is ${value}).`,
  rateAboveOnePercent: (where: string, value: string, percent: string, suggestion: string) =>
    `${where} is ${value} (${percent}% a year), above 1%: no 12b-1 fee is that high. Rates are fractions: did you mean ${suggestion}?`,
  afterLastDate: (where: string, value: string) =>
    `${where} is ${value}, which is after 9999-12-31, Excel's last date: it is not a date.`,
  swapped: (dates: string, netAssets: string, where: string, value: string) =>
    `${dates} and ${netAssets} look swapped: ${where} is ${value}, an amount, and ${netAssets} holds dates. Give the NAV dates first, then the net assets.`,
  periodOutsideNavs: (from: string, to: string, first: string, last: string) =>
    `The period ${from} to ${to} is outside the NAV dates given (${first} to ${last}): give the NAVs of the period.`,
  periodAfterNavs: (to: string, last: string, days: number) =>
    `The NAVs end on ${last}, ${days} days before the period's end (${to}): the last NAV is not carried that far. Give the NAVs through ${to}.`,
  periodBeforeNavs: (from: string, first: string, days: number) =>
    `The NAVs start on ${first}, ${days} days after the period's start (${from}): give the NAVs from ${from}.`,
  notADate: (where: string, reason: string) => `${where} is not a date: ${reason}.`,
  textNotADate: (where: string, text: string) =>
    `${where} is the text "${text}", not a date. Enter it as a date (or as YYYY-MM-DD).`,
  logicalNotDate: (where: string, value: boolean) =>
    `${where} is ${value ? "TRUE" : "FALSE"}, not a date.`,
  notAChoice: (where: string, text: string, choices: readonly string[]) =>
    `${where} is "${text}"; use one of ${choices.map((choice) => `"${choice}"`).join(", ")}.`,
  notOneColumn: (name: string, rows: number, columns: number) =>
    `${name} must be one column or one row (it is ${rows} rows by ${columns} columns).`,
  lengthMismatch: (name: string, length: number, other: string, otherLength: number) =>
    `${name} has ${length} rows but ${other} has ${otherLength}: select ranges of the same height.`,
  blankBesideDate: (where: string, key: string) => `${where} is blank but its ${key} is filled in.`,
  tooLarge: (where: string, value: string) =>
    `${where} (${value}) is too large to count to the cent.`,
  duplicateDate: (where: string, date: string, previousRow: number) =>
    `${where} repeats ${date} of row ${previousRow}: keep one NAV per date.`,
  unsortedDate: (where: string, date: string, previous: string, previousRow: number) =>
    `${where} (${date}) comes after ${previous} in row ${previousRow}: sort the rows by date.`,
  fromAfterTo: (from: string, to: string) => `from (${from}) is after to (${to}).`,
  noNetAssets: (from: string, to: string) => `No NAV applies to any day from ${from} to ${to}.`,
  noNavRows: (name: string) => `${name} has no dates: select the date column of the NAV rows.`,
  notARateSchedule: (name: string, rows: number, columns: number) =>
    `${name} must be one rate or two columns, effective date and annual rate (it is ${rows} rows by ${columns} columns).`,
  rateWithoutDate: (where: string) => `${where} has a rate but no effective date.`,
  dateWithoutRate: (where: string) => `${where} has an effective date but no rate.`,
  duplicateEffectiveDate: (where: string, date: string) =>
    `${where} repeats the effective date ${date}: keep one rate per date.`,
  noRates: (name: string) => `${name} has no rates: give a rate, or effective dates and rates.`,
  noFeeBasis: (from: string, to: string) =>
    `The net assets from ${from} to ${to} are all zero: there is no rate to figure.`,
  yearNeeded: () =>
    'date is blank: under "Actual/Actual" the fee depends on whether the year has 365 or 366 days. Give the date (or dayCount "Actual/365").',
  unexpected: (functionId: string, detail: string) =>
    `RULE12B1.${functionId} could not finish: ${detail}`,
} as const;
