/**
 * The Guacamole protocol's wire format: an instruction is `LEN.VALUE,LEN.VALUE,…;` where the first element is the
 * opcode and every LEN counts Unicode code points (not bytes, not UTF-16 units) of its VALUE.
 */

export class GuacamoleProtocolError extends Error {}

const MAX_ELEMENT_LENGTH = 8 * 1024 * 1024;

export function encodeInstruction(opcode: string, ...args: readonly string[]): string {
  return `${[opcode, ...args].map((value) => `${[...value].length}.${value}`).join(",")};`;
}

/**
 * Splits a character stream into whole instructions. Data from guacd arrives in arbitrary TCP chunks, but the
 * browser's WebSocket tunnel expects every message to hold complete instructions, so the relay sends only whole ones.
 */
export class InstructionReader {
  private buffer = "";

  /** Feeds decoded text; returns the complete instructions it finished, each as [opcode, ...args]. */
  push(text: string): { raw: string; elements: string[] }[] {
    this.buffer += text;
    const out: { raw: string; elements: string[] }[] = [];
    let start = 0;
    let position = 0;
    let elements: string[] = [];
    while (position < this.buffer.length) {
      const dot = this.buffer.indexOf(".", position);
      if (dot === -1) break;
      const lengthText = this.buffer.slice(position, dot);
      if (!/^\d+$/.test(lengthText))
        throw new GuacamoleProtocolError(`bad element length ${JSON.stringify(lengthText)}`);
      const length = Number(lengthText);
      if (length > MAX_ELEMENT_LENGTH) throw new GuacamoleProtocolError("element too long");
      // Walk `length` code points; a surrogate pair is one code point but two string units.
      let end = dot + 1;
      for (let counted = 0; counted < length && end < this.buffer.length; counted++) {
        const unit = this.buffer.charCodeAt(end);
        end += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
      }
      if (end >= this.buffer.length) break; // value or terminator not here yet
      elements.push(this.buffer.slice(dot + 1, end));
      const terminator = this.buffer[end];
      position = end + 1;
      if (terminator === ";") {
        out.push({ raw: this.buffer.slice(start, position), elements });
        elements = [];
        start = position;
      } else if (terminator !== ",") {
        throw new GuacamoleProtocolError(`expected ',' or ';' after an element, got ${JSON.stringify(terminator)}`);
      }
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** Whatever arrived after the last complete instruction. */
  get rest(): string {
    return this.buffer;
  }
}
