/**
 * The findings of Check compliance, grouped by rule (issue 14: 68 findings in
 * one flat list were a wall): one collapsed group per rule with its counts,
 * groups with errors first, then warnings, then notes, larger groups first
 * within each. Every finding that names a source has a link that selects it, and
 * a mistake repeated down a column is one line with its range and a count
 * (`groupRepeated`, issue 23).
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Link,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type PlanException, RULES, type RuleId, type SourceRef } from "../engine/exceptions";
import { groupRepeated } from "../workbook/repeatedFindings";
import { cellLabel } from "./ActionStatus";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: "34px", display: "flex", flexDirection: "column", gap: "6px" },
  counts: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const ORDER = { error: 0, warning: 1, info: 2 } as const;
const NOUN = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  info: ["note", "notes"],
};

export interface RuleGroup {
  rule: RuleId;
  title: string;
  findings: PlanException[];
  counts: Record<PlanException["severity"], number>;
}

/**
 * Findings by rule, errors first.
 * `groupFindings([capError, noteA, noteB])` → `[{ rule: "cap-breach", counts: { error: 1, … } }, { rule: …, counts: { info: 2 } }]`.
 */
export function groupFindings(findings: readonly PlanException[]): RuleGroup[] {
  const groups = new Map<RuleId, RuleGroup>();
  for (const finding of findings) {
    let group = groups.get(finding.rule);
    if (!group) {
      group = {
        rule: finding.rule,
        title: RULES[finding.rule]?.title ?? finding.rule,
        findings: [],
        counts: { error: 0, warning: 0, info: 0 },
      };
      groups.set(finding.rule, group);
    }
    group.findings.push(finding);
    group.counts[finding.severity] += 1;
  }
  const worst = (g: RuleGroup) => (g.counts.error ? 0 : g.counts.warning ? 1 : 2);
  for (const group of groups.values())
    group.findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return [...groups.values()].sort(
    (a, b) => worst(a) - worst(b) || b.findings.length - a.findings.length
  );
}

/** "2 errors, 1 warning". */
export function countsText(counts: RuleGroup["counts"]): string {
  return (["error", "warning", "info"] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${NOUN[s][counts[s] === 1 ? 0 : 1]}`)
    .join(", ");
}

/** The plan section a rule comes from, when it is one ("Plan §4"); the pane names no other document. */
function section(rule: RuleId): string | null {
  const text = RULES[rule]?.section ?? "";
  return text.startsWith("Plan") ? text : null;
}

export function Findings(props: {
  findings: readonly PlanException[];
  onGoTo: (source: SourceRef) => void;
}) {
  const styles = useStyles();
  const groups = groupFindings(props.findings);
  return (
    <Accordion collapsible multiple aria-label="Findings by rule">
      {groups.map((group) => (
        <AccordionItem key={group.rule} value={group.rule}>
          <AccordionHeader size="small">
            <span>
              <span className={group.counts.error ? styles.error : undefined}>{group.title}</span>{" "}
              <span className={styles.counts}>
                ({countsText(group.counts)}
                {section(group.rule) ? ` · ${section(group.rule)}` : ""})
              </span>
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <ul className={styles.list}>
              {groupRepeated(group.findings).map(({ first: finding, members, area }, index) => {
                const source =
                  members.length > 1 && area && finding.source
                    ? { ...finding.source, address: area }
                    : finding.source;
                return (
                  <li key={index}>
                    <Text>
                      {finding.severity === "error"
                        ? "Error: "
                        : finding.severity === "warning"
                          ? "Warning: "
                          : ""}
                      {finding.message}
                      {members.length > 1 &&
                        ` The same in ${(members.length - 1).toLocaleString("en-US")} more rows (${members.length.toLocaleString("en-US")} in all).`}
                    </Text>{" "}
                    {source && (
                      <Link as="button" onClick={() => props.onGoTo(source)}>
                        Go to {cellLabel(source)}
                      </Link>
                    )}
                  </li>
                );
              })}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
