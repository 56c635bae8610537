/**
 * The error vocabulary of each simulated service. Handlers throw these; each service's responder renders them in
 * that service's own body shape (they all differ, see the recordings' README §6).
 */

export type NovaFaultKind =
  | "badRequest"
  | "forbidden"
  | "itemNotFound"
  | "conflictingRequest"
  | "computeFault"
  | "badMethod"
  | "overLimit";

/** Nova: `{"<kind>": {"code": <int>, "message": "…"}}`. */
export class NovaFault extends Error {
  constructor(
    readonly status: number,
    readonly kind: NovaFaultKind,
    message: string,
  ) {
    super(message);
  }

  static badRequest(message: string): NovaFault {
    return new NovaFault(400, "badRequest", message);
  }

  static forbidden(message: string): NovaFault {
    return new NovaFault(403, "forbidden", message);
  }

  static policy(rule: string): NovaFault {
    return new NovaFault(403, "forbidden", `Policy doesn't allow ${rule} to be performed.`);
  }

  static notFound(message: string): NovaFault {
    return new NovaFault(404, "itemNotFound", message);
  }

  static instanceNotFound(id: string): NovaFault {
    return new NovaFault(404, "itemNotFound", `Instance ${id} could not be found.`);
  }

  static conflict(message: string): NovaFault {
    return new NovaFault(409, "conflictingRequest", message);
  }

  static unexpected(detail: string): NovaFault {
    return new NovaFault(
      500,
      "computeFault",
      `Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n${detail}`,
    );
  }
}

/** Keystone: `{"error": {"code", "message", "title"}}`. */
export class KeystoneFault extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }

  static unauthorized(): KeystoneFault {
    return new KeystoneFault(401, "Unauthorized", "The request you have made requires authentication.");
  }

  static badRequest(message: string): KeystoneFault {
    return new KeystoneFault(400, "Bad Request", message);
  }

  static notFound(message: string): KeystoneFault {
    return new KeystoneFault(404, "Not Found", message);
  }
}

/** Glance (webob): `{"message": "…<br /><br />\n\n\n", "code": "404 Not Found", "title": "Not Found"}`. */
export class GlanceFault extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** Neutron: `{"NeutronError": {"type", "message", "detail"}}`. */
export class NeutronFault extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Cinder shares Nova's fault shape (`{"itemNotFound": {"code", "message"}}`). */
export class CinderFault extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}
