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

/** Assigns (or re-opens) the desktop and returns how to reach it; the card shows the result. */
export async function connectAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(ConnectDocument, {
    input: {
      desktopId: text(formData, "desktopId"),
      protocol: enumValue(DisplayProtocol, text(formData, "protocol")) ?? null,
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  const result = outcome.data.connect;
  revalidatePath("/desktops");
  return success(result.starting ? `${result.desktopName} is starting.` : `${result.desktopName} is ready.`, {
    route: result.method === ConnectMethod.GATEWAY ? "through the secure gateway" : "direct connection",
    protocol: result.protocol,
    address: result.host ? `${result.host}:${result.port}` : "",
    rdpFile: result.rdpFile ?? "",
    ticket: result.ticket ?? "",
    viewerUrl: viewerLink(result.protocol, result.ticket ?? "", result.desktopName),
  });
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
  return success("Request sent.");
}
