import { describe, expect, it } from "vitest";
import { DER, derInteger, readChildren, readTlv, tlv } from "./der.js";
import {
  decodeRequest,
  encodeError,
  encodeResponse,
  GENERAL_ERROR,
  NEGOTIATION_ERROR,
  pduSize,
  RdCleanPathError,
} from "./rdcleanpath.pdu.js";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

/** A request as IronRDP's web client encodes it (fields [0], [2], [3], [6]; EXPLICIT tags). */
function request(destination: string, auth: string, x224: Buffer, version = 3390): Buffer {
  const field = (n: number, value: Buffer) => tlv(0xa0 + n, value);
  return tlv(
    DER.SEQUENCE,
    Buffer.concat([
      field(0, derInteger(version)),
      field(2, tlv(DER.UTF8_STRING, Buffer.from(destination))),
      field(3, tlv(DER.UTF8_STRING, Buffer.from(auth))),
      field(6, tlv(DER.OCTET_STRING, x224)),
    ]),
  );
}

describe("RDCleanPath PDUs", () => {
  it("decodes a request, with a long-form length for a large ticket", () => {
    const x224 = hex("0300002b26e00000000000436f6f6b69653a206d737473686173683d757365720d0a010008000b000000");
    const ticket = "t".repeat(700);
    const pdu = request("10.0.0.5:3389", ticket, x224);
    expect(pdu.subarray(0, 2)).toEqual(hex("3082"));
    expect(pduSize(pdu.subarray(0, 3))).toBeNull();
    expect(pduSize(pdu.subarray(0, 4))).toBe(pdu.length);
    expect(decodeRequest(pdu)).toEqual({
      destination: "10.0.0.5:3389",
      proxyAuth: ticket,
      preconnectionBlob: null,
      x224ConnectionRequest: x224,
    });
  });

  it("refuses other versions, missing fields, trailing bytes and garbage", () => {
    const x224 = hex("030000130ee000000000000100080003000000");
    expect(() => decodeRequest(request("h:1", "a", x224, 3389))).toThrow(RdCleanPathError);
    expect(() => decodeRequest(Buffer.concat([request("h:1", "a", x224), hex("00")]))).toThrow(RdCleanPathError);
    expect(() => decodeRequest(hex("3003a00102"))).toThrow(RdCleanPathError);
    expect(() => decodeRequest(Buffer.from("GET / HTTP/1.1\r\n"))).toThrow(RdCleanPathError);
    const noAuth = tlv(
      DER.SEQUENCE,
      Buffer.concat([tlv(0xa0, derInteger(3390)), tlv(0xa6, tlv(DER.OCTET_STRING, x224))]),
    );
    expect(() => decodeRequest(noAuth)).toThrow(/destination missing/);
  });

  it("encodes an error with the HTTP status as IronRDP's der crate does", () => {
    // version [0] 3390, error [1] { [0] 1, [1] 403 }
    expect(encodeError({ errorCode: GENERAL_ERROR, httpStatusCode: 403 })).toEqual(
      hex("3015 a004 0202 0d3e a10d 300b a003 020101 a104 02020193"),
    );
    expect(encodeError({ errorCode: GENERAL_ERROR, wsaLastError: 10061, tlsAlertCode: 200 })).toEqual(
      hex("301b a004 0202 0d3e a113 3011 a003 020101 a204 0202274d a304 020200c8"),
    );
    const confirm = hex("030000130ed0000012340003080005000000");
    const negotiation = encodeError({ errorCode: NEGOTIATION_ERROR, x224ConnectionResponse: confirm });
    const fields = readChildren(readTlv(negotiation).value);
    expect(fields.map((item) => item.tag)).toEqual([0xa0, 0xa1, 0xa6]);
    expect(readTlv(fields[2]!.value).value).toEqual(confirm);
  });

  it("encodes a response with the X.224 confirm, the certificate chain and the server address", () => {
    const confirm = hex("030000130ed000001234000201080001000000");
    const pdu = encodeResponse(confirm, [hex("3003020101"), hex("3003020102")], "127.0.0.1:3390");
    const fields = readChildren(readTlv(pdu).value);
    expect(fields.map((item) => item.tag)).toEqual([0xa0, 0xa6, 0xa7, 0xa9]);
    expect(readTlv(fields[1]!.value)).toMatchObject({ tag: DER.OCTET_STRING, value: confirm });
    const chain = readChildren(readTlv(fields[2]!.value).value);
    expect(chain.map((item) => [item.tag, item.value.toString("hex")])).toEqual([
      [DER.OCTET_STRING, "3003020101"],
      [DER.OCTET_STRING, "3003020102"],
    ]);
    expect(readTlv(fields[3]!.value)).toMatchObject({ tag: DER.UTF8_STRING, value: Buffer.from("127.0.0.1:3390") });
  });
});
