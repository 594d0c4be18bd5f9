import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { writeSampleTrust } from "../../src/cli/commands/demo";

it("the bundled samples/sample-trust.xlsx is exactly what demo writes (regenerate it with `rule12b1 demo` when the sample changes)", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "rule12b1-sample-")), "sample-trust.xlsx");
  await writeSampleTrust(file);
  expect(
    Buffer.compare(
      readFileSync(file),
      readFileSync(path.join(__dirname, "../../samples/sample-trust.xlsx"))
    )
  ).toBe(0);
});
