import { describe, expect, it } from "vitest";
import {
  explainFileError,
  FileProblem,
  fileProblem,
  isSystemError,
} from "../../src/cli/files/fileProblem";
import { systemError } from "./support/fileSystem";

describe("file-system errors as sentences", () => {
  it("names the file as the user gave it and the reason in words", () => {
    expect(explainFileError(systemError("ENOSPC", "write", "/abs"), "write", "out/r.xlsx")).toBe(
      "Cannot write out/r.xlsx: the disk is full."
    );
    expect(explainFileError(systemError("ENOENT", "open", "x"), "read", "x.xlsx")).toBe(
      "Cannot read x.xlsx: no such file."
    );
    expect(explainFileError(systemError("ENOENT", "open", "x"), "write", "a/x.xlsx")).toBe(
      "Cannot write a/x.xlsx: its folder does not exist."
    );
  });

  it("an unknown code is named as it is, never hidden", () => {
    expect(explainFileError(systemError("EWOULDBLOCK2", "open", "x"), "read", "x.xlsx")).toBe(
      "Cannot read x.xlsx: the system reported EWOULDBLOCK2."
    );
  });

  it("a system error becomes a FileProblem, a FileProblem passes through, a bug stays a bug", () => {
    const converted = fileProblem(systemError("EROFS", "open", "x"), "write", "x.xlsx");
    expect(converted).toBeInstanceOf(FileProblem);
    expect((converted as FileProblem).sentence).toBe(
      "Cannot write x.xlsx: it is on a read-only file system."
    );
    const already = new FileProblem("Cannot write x.xlsx: it is in use.");
    expect(fileProblem(already, "write", "y.xlsx")).toBe(already);
    const bug = new TypeError("undefined is not a function");
    expect(fileProblem(bug, "write", "x.xlsx")).toBe(bug);
    expect(isSystemError(bug)).toBe(false);
    const tooLarge = Object.assign(new RangeError("File size is greater than 2 GiB"), {
      code: "ERR_FS_FILE_TOO_LARGE",
    });
    expect((fileProblem(tooLarge, "read", "big.xlsx") as FileProblem).sentence).toBe(
      "Cannot read big.xlsx: it is larger than 2 GiB, too large to be a workbook."
    );
  });
});
