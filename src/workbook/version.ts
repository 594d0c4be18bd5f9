/**
 * The rule12b1 version stamped on every sheet and column it writes (the
 * audit trail). Kept equal to package.json's "version" by
 * test/hardening/auditTrail.test.ts, so neither adapter has to read files.
 */
export const RULE12B1_VERSION = "0.1.0";
