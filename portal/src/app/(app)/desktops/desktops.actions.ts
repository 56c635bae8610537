"use server";

import { revalidatePath } from "next/cache";
import {
  ConnectDocument,
  ConnectMethod,
  DisplayProtocol,
  PowerMyDesktopDocument,
  ReleaseDesktopDocument,
  UserPowerAction,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { type FormState, failure, success, text } from "@/lib/form-state";

/** The gateway's viewer page for a ticket; HTML5 in a protocol plan means VNC drawn in the browser. */
function viewerLink(protocol: DisplayProtocol, ticket: string, title: string): string {
  const gateway = process.env.ATRIUM_GATEWAY_URL;
  if (!gateway || !ticket) return "";
  const client = protocol === DisplayProtocol.HTML5 ? "vnc" : protocol.toLowerCase();
  const fragment = new URLSearchParams({ protocol: client, ticket, title });
  return `${gateway.replace(/\/$/, "")}/viewer#${fragment.toString()}`;
}

/** What Connect gives the launcher: how to reach the desktop, or the broker's reason in words. */
export type ConnectResult =
  | {
      ok: true;
      desktopName: string;
      protocol: DisplayProtocol;
      /** The desktop was not running yet; the broker asked the cloud to start it. */
      starting: boolean;
      route: string;
      address: string;
      rdpFile: string;
      /** The gateway's viewer with a single-use ticket, for connections in the browser. */
      viewerUrl: string;
    }
  | { ok: false; message: string };

/**
 * Assigns (or re-opens) the desktop with the protocol the user chose and returns how to reach it. Called from the
 * launcher's connect panel, which shows the progress and opens the viewer; the ticket only ever reaches this user.
 */
export async function connectDesktop(desktopId: string, protocol: string | null): Promise<ConnectResult> {
  const outcome = await mutate(ConnectDocument, {
    input: { desktopId, protocol: protocol ? (enumValue(DisplayProtocol, protocol) ?? null) : null },
  });
  if (!outcome.ok) return { ok: false, message: outcome.message };
  const result = outcome.data.connect;
  revalidatePath("/desktops");
  return {
    ok: true,
    desktopName: result.desktopName,
    protocol: result.protocol,
    starting: result.starting,
    route: result.method === ConnectMethod.GATEWAY ? "through the secure gateway" : "direct connection",
    address: result.host ? `${result.host}:${result.port}` : "",
    rdpFile: result.rdpFile ?? "",
    viewerUrl: viewerLink(result.protocol, result.ticket ?? "", result.desktopName),
  };
}

export async function releaseAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(ReleaseDesktopDocument, { desktopId: text(formData, "desktopId") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/desktops");
  return success(outcome.data.releaseDesktop.released ? "The desktop was released." : "The desktop was already free.");
}

export async function powerAction(_state: FormState, formData: FormData): Promise<FormState> {
  const action = enumValue(UserPowerAction, text(formData, "action"));
  if (!action) return { status: "error", message: "Unknown action.", fieldErrors: {}, values: {} };
  const outcome = await mutate(PowerMyDesktopDocument, { desktopId: text(formData, "desktopId"), action });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/desktops");
  const labels: Record<UserPowerAction, string> = {
    START: "Start requested",
    STOP: "Shut-down requested",
    REBOOT: "Restart requested",
  };
  return success(`${labels[action]} — the state above changes once the desktop follows.`);
}
