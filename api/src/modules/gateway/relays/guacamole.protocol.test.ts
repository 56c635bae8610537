import { describe, expect, it } from "vitest";
import { encodeInstruction, GuacamoleProtocolError, InstructionReader } from "./guacamole.protocol.js";

describe("Guacamole instructions", () => {
  it("encodes lengths in code points, not bytes or UTF-16 units", () => {
    expect(encodeInstruction("select", "rdp")).toBe("6.select,3.rdp;");
    expect(encodeInstruction("key", "é😀")).toBe("3.key,2.é😀;");
    expect(encodeInstruction("", "ping", "12")).toBe("0.,4.ping,2.12;");
  });

  it("returns only whole instructions and keeps the rest for the next chunk", () => {
    const reader = new InstructionReader();
    expect(reader.push("4.size,1.0,4.1024")).toEqual([]);
    const [first, second] = reader.push(",3.768;5.ready,2.$a;4.sy");
    expect(first).toEqual({ raw: "4.size,1.0,4.1024,3.768;", elements: ["size", "0", "1024", "768"] });
    expect(second?.elements).toEqual(["ready", "$a"]);
    expect(reader.rest).toBe("4.sy");
    expect(reader.push("nc,1.5;")[0]?.elements).toEqual(["sync", "5"]);
  });

  it("counts a character outside the BMP as one, even when split before its terminator", () => {
    const reader = new InstructionReader();
    expect(reader.push("4.clip,2.a😀")).toEqual([]);
    expect(reader.push(";")[0]?.elements).toEqual(["clip", "a😀"]);
  });

  it("rejects malformed input instead of guessing", () => {
    expect(() => new InstructionReader().push("x.abc;")).toThrow(GuacamoleProtocolError);
    expect(() => new InstructionReader().push("3.abc:")).toThrow(GuacamoleProtocolError);
  });
});
