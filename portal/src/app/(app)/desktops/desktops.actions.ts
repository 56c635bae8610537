"use server";

import { revalidatePath } from "next/cache";
import { ConnectDocument, PowerMyDesktopDocument, ReleaseDesktopDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, success, text } from "@/lib/form-state";

/** The gateway's viewer page for a ticket; HTML5 in a protocol plan means VNC drawn in the browser. */
function viewerLink(protocol: string, ticket: string, title: string): string {
  const gateway = process.env.ATRIUM_GATEWAY_URL;
  if (!gateway || !ticket) return "";
  const client = protocol === "HTML5" ? "vnc" : protocol.toLowerCase();
  const fragment = new URLSearchParams({ protocol: client, ticket, title });
  return `${gateway.replace(/\/$/, "")}/viewer#${fragment.toString()}`;
}

/** Assigns (or re-opens) the desktop and returns how to reach it; the card shows the result. */
export async function connectAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(ConnectDocument, {
    input: { desktopId: text(formData, "desktopId"), protocol: text(formData, "protocol") || null },
  });
  if (!outcome.ok) return failure(formData, outcome);
  const result = outcome.data.connect;
  revalidatePath("/desktops");
  return success(result.starting ? `${result.desktopName} is starting.` : `${result.desktopName} is ready.`, {
    method: result.method,
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
  const outcome = await mutate(PowerMyDesktopDocument, {
    desktopId: text(formData, "desktopId"),
    action: text(formData, "action"),
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/desktops");
  return success("Request sent.");
}
