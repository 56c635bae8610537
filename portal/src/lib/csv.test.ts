import { describe, expect, it } from "vitest";
import { csvLine } from "./csv";

describe("csvLine", () => {
  it("quotes what needs quoting and leaves the rest bare", () => {
    expect(csvLine(["acme-001", 'say "hi"', "a,b", "two\nlines", null, 3, true])).toBe(
      'acme-001,"say ""hi""","a,b","two\nlines",,3,true\r\n',
    );
  });

  it("keeps a spreadsheet from running a cell as a formula", () => {
    expect(csvLine(["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "plain"])).toBe(
      "'=HYPERLINK(1),'+1,'-2,'@SUM(A1),plain\r\n",
    );
  });
});
