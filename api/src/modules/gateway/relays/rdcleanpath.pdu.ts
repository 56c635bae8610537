import { DER, DerError, derInteger, readChildren, readInteger, readTlv, type Tlv, tlv } from "./der.js";

/**
 * RDCleanPath (IronRDP's `ironrdp-rdcleanpath` crate): one DER SEQUENCE whose fields are EXPLICIT context tags —
 * [0] version INTEGER, [1] error SEQUENCE, [2] destination UTF8String, [3] proxy_auth UTF8String, [4] server_auth,
 * [5] preconnection_blob, [6] x224_connection_pdu OCTET STRING, [7] server_cert_chain SEQUENCE OF OCTET STRING,
 * [9] server_addr UTF8String. The error is itself a SEQUENCE of [0] error_code, [1] http_status_code,
 * [2] wsa_last_error, [3] tls_alert_code, all INTEGERs.
 */
export const RDCLEANPATH_VERSION = 3390;
/** Size of the PDU at the start of a buffer once its header arrived (the client may split it across messages). */
export { elementSize as pduSize } from "./der.js";
export const GENERAL_ERROR = 1;
export const NEGOTIATION_ERROR = 2;

export interface RdCleanPathRequest {
  destination: string;
  proxyAuth: string;
  preconnectionBlob: string | null;
  /** The client's X.224 Connection Request, TPKT framed, to be sent to the RDP server as it is. */
  x224ConnectionRequest: Buffer;
}

export interface RdCleanPathErrorDetails {
  errorCode: typeof GENERAL_ERROR | typeof NEGOTIATION_ERROR;
  httpStatusCode?: number;
  wsaLastError?: number;
  tlsAlertCode?: number;
  /** With a negotiation error: the server's X.224 Connection Confirm carrying the failure code. */
  x224ConnectionResponse?: Buffer;
}

export class RdCleanPathError extends Error {}

const field = (n: number, value: Buffer) => tlv(DER.context(n), value);
const utf8 = (text: string) => tlv(DER.UTF8_STRING, Buffer.from(text, "utf8"));

function fieldsOf(pdu: Buffer): Map<number, Tlv> {
  const outer = readTlv(pdu);
  if (outer.tag !== DER.SEQUENCE || outer.size !== pdu.length) throw new RdCleanPathError("not one DER SEQUENCE");
  const fields = new Map<number, Tlv>();
  for (const child of readChildren(outer.value)) {
    if ((child.tag & 0xe0) !== 0xa0) throw new RdCleanPathError(`unexpected tag 0x${child.tag.toString(16)}`);
    const inner = readChildren(child.value);
    if (inner.length !== 1) throw new RdCleanPathError("an explicit field holds one element");
    fields.set(child.tag & 0x1f, inner[0]!);
  }
  return fields;
}

function text(element: Tlv | undefined, name: string): string {
  if (!element || element.tag !== DER.UTF8_STRING) throw new RdCleanPathError(`${name} missing`);
  return element.value.toString("utf8");
}

/** Parses the client's first message; anything other than a version-1 request is refused. */
export function decodeRequest(pdu: Buffer): RdCleanPathRequest {
  let fields: Map<number, Tlv>;
  try {
    fields = fieldsOf(pdu);
    const version = fields.get(0);
    if (!version || readInteger(version) !== RDCLEANPATH_VERSION) throw new RdCleanPathError("unsupported version");
  } catch (error) {
    if (error instanceof DerError) throw new RdCleanPathError(error.message);
    throw error;
  }
  const x224 = fields.get(6);
  if (!x224 || x224.tag !== DER.OCTET_STRING) throw new RdCleanPathError("x224_connection_pdu missing");
  const blob = fields.get(5);
  return {
    destination: text(fields.get(2), "destination"),
    proxyAuth: text(fields.get(3), "proxy_auth"),
    preconnectionBlob: blob ? text(blob, "preconnection_blob") : null,
    x224ConnectionRequest: Buffer.from(x224.value),
  };
}

/** The proxy's answer once it holds a TLS session with the server: its X.224 confirm and certificate chain. */
export function encodeResponse(x224ConnectionResponse: Buffer, certificateChain: Buffer[], serverAddr: string): Buffer {
  const chain = tlv(DER.SEQUENCE, Buffer.concat(certificateChain.map((der) => tlv(DER.OCTET_STRING, der))));
  return tlv(
    DER.SEQUENCE,
    Buffer.concat([
      field(0, derInteger(RDCLEANPATH_VERSION)),
      field(6, tlv(DER.OCTET_STRING, x224ConnectionResponse)),
      field(7, chain),
      field(9, utf8(serverAddr)),
    ]),
  );
}

export function encodeError(details: RdCleanPathErrorDetails): Buffer {
  const error = [field(0, derInteger(details.errorCode))];
  if (details.httpStatusCode !== undefined) error.push(field(1, derInteger(details.httpStatusCode)));
  if (details.wsaLastError !== undefined) error.push(field(2, derInteger(details.wsaLastError)));
  if (details.tlsAlertCode !== undefined) error.push(field(3, derInteger(details.tlsAlertCode)));
  const parts = [field(0, derInteger(RDCLEANPATH_VERSION)), field(1, tlv(DER.SEQUENCE, Buffer.concat(error)))];
  if (details.x224ConnectionResponse) parts.push(field(6, tlv(DER.OCTET_STRING, details.x224ConnectionResponse)));
  return tlv(DER.SEQUENCE, Buffer.concat(parts));
}
