/**
 * The `=RULE12B1.…` worksheet functions (SPEC §3). Each body is one line of
 * shape: coerce the arguments by the metadata table → call the engine → map
 * the result (`runFunction`). This module has no side effects and no UI
 * imports: the build (custom-functions-metadata-plugin) appends the
 * `CustomFunctions.associate` calls and generates `functions.json` from the
 * JSDoc below, which is the help Excel shows while typing a formula.
 */
import { lapseDate } from "../engine/governance";
import { majorityVote } from "../engine/majority";
import { CellError } from "./cellError";
import { FUNCTIONS } from "./metadata";
import { serialResult } from "./results";
import { runFunction } from "./runFunction";

/**
 * Whether a shareholder vote is a "majority of the outstanding voting securities" under 1940 Act §2(a)(42): TRUE if (more than 50% of outstanding shares are present and at least 67% of the shares present voted for) or more than 50% of all outstanding shares voted for.
 * @customfunction
 * @param sharesFor Class B shares voted for the proposal.
 * @param sharesPresent Class B shares present at the meeting, in person or by proxy.
 * @param sharesOutstanding Class B shares outstanding on the record date.
 * @returns TRUE if the vote passes, FALSE if it does not.
 */
export function majority(sharesFor: number, sharesPresent: number, sharesOutstanding: number): boolean {
  return runFunction(FUNCTIONS.MAJORITY, [sharesFor, sharesPresent, sharesOutstanding], (a) => {
    const vote = majorityVote(a.sharesFor, a.sharesPresent, a.sharesOutstanding);
    return vote.ok ? vote.passes : new CellError("#VALUE!", `Cannot count the vote: ${vote.error}.`);
  });
}

/**
 * The date the plan lapses unless continued: one year after the last approval or continuance (Excel EDATE(date, 12)). The plan is in effect through the day before. Format the cell as a date.
 * @customfunction
 * @param lastApprovalOrContinuance Date of the board's last approval or annual continuance of the plan.
 * @returns The lapse date, as an Excel date.
 */
export function lapsedate(lastApprovalOrContinuance: number): number {
  return runFunction(FUNCTIONS.LAPSEDATE, [lastApprovalOrContinuance], (a) =>
    serialResult(lapseDate(a.lastApprovalOrContinuance)),
  );
}
