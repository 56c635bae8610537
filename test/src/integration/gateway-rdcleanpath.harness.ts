import type WebSocket from "ws";

/**
 * A test client's side of RDCleanPath, written from IronRDP's definition (EXPLICIT context tags in one SEQUENCE):
 * it builds the request the browser sends and reads whatever the gateway answers.
 */
function element(tag: number, value: Buffer): Buffer {
  const length =
    value.length < 0x80 ? Buffer.from([value.length]) : Buffer.from([0x82, value.length >> 8, value.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

const explicit = (n: number, inner: Buffer) => element(0xa0 + n, inner);
const utf8 = (text: string) => element(0x0c, Buffer.from(text, "utf8"));
const VERSION = element(0x02, Buffer.from([0x0d, 0x3e])); // 3390

/** An X.224 Connection Request asking for TLS (PROTOCOL_SSL) with a routing cookie, TPKT framed. */
export function x224ConnectionRequest(user = "atrium"): Buffer {
  const cookie = Buffer.from(`Cookie: mstshash=${user}\r\n`, "latin1");
  const negotiation = Buffer.from([0x01, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00]);
  const body = Buffer.concat([Buffer.from([0xe0, 0, 0, 0, 0, 0]), cookie, negotiation]);
  const x224 = Buffer.concat([Buffer.from([body.length]), body]);
  const tpkt = Buffer.from([3, 0, 0, 0]);
  tpkt.writeUInt16BE(4 + x224.length, 2);
  return Buffer.concat([tpkt, x224]);
}

export function rdCleanPathRequest(destination: string, ticket: string, x224 = x224ConnectionRequest()): Buffer {
  return element(
    0x30,
    Buffer.concat([
      explicit(0, VERSION),
      explicit(2, utf8(destination)),
      explicit(3, utf8(ticket)),
      explicit(6, element(0x04, x224)),
    ]),
  );
}

interface Node {
  tag: number;
  value: Buffer;
  size: number;
}

function parse(buffer: Buffer): Node {
  let length = buffer[1]!;
  let offset = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let index = 0; index < count; index++) length = length * 256 + buffer[2 + index]!;
    offset += count;
  }
  return { tag: buffer[0]!, value: buffer.subarray(offset, offset + length), size: offset + length };
}

function children(value: Buffer): Node[] {
  const nodes: Node[] = [];
  for (let offset = 0; offset < value.length; offset += nodes.at(-1)!.size) nodes.push(parse(value.subarray(offset)));
  return nodes;
}

const integer = (node: Node) => node.value.reduce((sum, byte) => sum * 256 + byte, 0);

export interface RdCleanPathAnswer {
  version: number;
  error?: { code: number; httpStatus?: number; wsaError?: number; tlsAlert?: number };
  x224?: Buffer;
  certificates?: Buffer[];
  serverAddr?: string;
}

export function parseAnswer(pdu: Buffer): RdCleanPathAnswer {
  const fields = new Map(children(parse(pdu).value).map((node) => [node.tag & 0x1f, parse(node.value)]));
  const answer: RdCleanPathAnswer = { version: integer(fields.get(0)!) };
  const error = fields.get(1);
  if (error) {
    const parts = new Map(children(error.value).map((node) => [node.tag & 0x1f, integer(parse(node.value))]));
    answer.error = { code: parts.get(0)!, httpStatus: parts.get(1), wsaError: parts.get(2), tlsAlert: parts.get(3) };
  }
  if (fields.has(6)) answer.x224 = fields.get(6)!.value;
  if (fields.has(7)) answer.certificates = children(fields.get(7)!.value).map((node) => node.value);
  if (fields.has(9)) answer.serverAddr = fields.get(9)!.value.toString("utf8");
  return answer;
}

/** Sends the request once the socket is open and resolves with the first complete answer PDU. */
export function exchange(ws: WebSocket, request: Buffer): Promise<{ answer: RdCleanPathAnswer; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onMessage = (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (buffer.length < 4) return;
      const { size } = parse(buffer);
      if (buffer.length < size) return;
      ws.off("message", onMessage);
      resolve({ answer: parseAnswer(buffer.subarray(0, size)), rest: buffer.subarray(size) });
    };
    ws.on("message", onMessage);
    ws.once("close", (code) => reject(new Error(`closed with ${code} before an answer`)));
    if (ws.readyState === ws.OPEN) ws.send(request);
    else ws.once("open", () => ws.send(request));
  });
}
