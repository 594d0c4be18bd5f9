/**
 * A mistake repeated over many rows is one finding (SPEC §4 "Findings you can act on", added
 * 2026-12-06): 982 NAVs pasted as text were 982 bullets and a pane 99,371 px tall. Findings
 * (or refusals) that say the same thing about the same column of the same table, row after
 * row, are gathered into one group with the cells' range and a count; a lone finding stays
 * its own group. Shared by the pane's refusals and its findings; plain data in and out.
 */
import type { SourceRef } from "../engine/exceptions";

/** Fewer repeats than this are listed one by one. */
export const REPEATED_MINIMUM = 3;

export interface Located {
  message: string;
  severity?: string;
  rule?: string;
  source?: SourceRef;
}

export interface RepeatedGroup<T extends Located> {
  /** The first finding of the group, in the order given: its example. */
  first: T;
  members: T[];
  /** "C4:C985": from the first to the last cell of the group, when each has an address; null otherwise. */
  area: string | null;
}

/** The message with what differs row to row (quoted text, numbers, dates) taken out: what makes two findings "the same". */
export function messageShape(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d[\d,./-]*/g, "#")
    .trim();
}

const cellPattern = /^([A-Z]{1,3})(\d+)$/;

/** "C4:C985" for cells of one column; "B4:D9" spanning them otherwise; null without addresses. */
export function areaOf(addresses: readonly (string | undefined)[]): string | null {
  const cells = addresses.map((a) => cellPattern.exec(a ?? ""));
  if (cells.length === 0 || cells.some((c) => c === null)) return null;
  const rows = cells.map((c) => Number(c![2]));
  const columns = cells.map((c) => c![1]!);
  const byWidth = (a: string, b: string) => a.length - b.length || a.localeCompare(b);
  const left = [...columns].sort(byWidth)[0]!;
  const right = [...columns].sort(byWidth).at(-1)!;
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  return left === right && top === bottom ? `${left}${top}` : `${left}${top}:${right}${bottom}`;
}

/**
 * Groups repeated findings, keeping the order in which each group first appears.
 *
 * Three text NAVs in C4, C5 and C9 → one group `{ first: C4's finding, members: 3, area: "C4:C9" }`;
 * two such NAVs → two groups of one (below `REPEATED_MINIMUM`).
 */
export function groupRepeated<T extends Located>(
  items: readonly T[],
  minimum = REPEATED_MINIMUM
): RepeatedGroup<T>[] {
  const keyOf = (item: T): string | null => {
    const source = item.source;
    if (!source || source.row === undefined) return null;
    return [
      item.rule ?? "",
      item.severity ?? "",
      source.sheet ?? "",
      source.table.toLowerCase(),
      source.column ?? "",
      messageShape(item.message),
    ].join("\u0000");
  };
  const keys = items.map(keyOf);
  const byKey = new Map<string, T[]>();
  items.forEach((item, index) => {
    const key = keys[index];
    if (key === null || key === undefined) return;
    const list = byKey.get(key);
    if (list) list.push(item);
    else byKey.set(key, [item]);
  });
  const groups: RepeatedGroup<T>[] = [];
  const emitted = new Set<string>();
  items.forEach((item, index) => {
    const key = keys[index];
    const members = key ? byKey.get(key)! : [item];
    if (key && members.length >= minimum) {
      // A repeated mistake is listed once, where it first appears.
      if (emitted.has(key)) return;
      emitted.add(key);
      groups.push({ first: item, members, area: areaOf(members.map((m) => m.source?.address)) });
    } else groups.push({ first: item, members: [item], area: areaOf([item.source?.address]) });
  });
  return groups;
}
