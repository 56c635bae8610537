"use server";

import { revalidatePath } from "next/cache";
import {
  CreatePowerPlanDocument,
  CreateProtocolPlanDocument,
  CreateReleasePlanDocument,
  DeletePowerPlanDocument,
  DeleteProtocolPlanDocument,
  DeleteReleasePlanDocument,
  GatewayUsage,
  PlanPowerAction,
  ReleaseDisposition,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { type FormState, failure, invalid, optionalInt, requireFields, success, text } from "@/lib/form-state";
import { PROTOCOLS } from "./plan-options";

const done = (message: string) => {
  revalidatePath("/console/plans");
  return success(message);
};

/** Protocols in the order listed are the plan's priorities (first = preferred). */
export async function createProtocolPlanAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name" });
  const chosen = PROTOCOLS.filter((protocol) => formData.get(`use-${protocol}`) === "on");
  if (chosen.length === 0) errors.protocols = "Pick at least one protocol.";
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateProtocolPlanDocument, {
    input: {
      name: text(formData, "name"),
      protocols: chosen.map((protocol, index) => ({
        protocol,
        priority: index + 1,
        gateway: enumValue(GatewayUsage, text(formData, `gateway-${protocol}`)) ?? GatewayUsage.WHEN_REQUIRED,
      })),
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  return done("The protocol plan was created.");
}

export async function createPowerPlanAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name" });
  if (Object.keys(errors).length) return invalid(formData, errors);
  const action = (name: string) => enumValue(PlanPowerAction, text(formData, name)) ?? PlanPowerAction.NONE;
  const minutes = (name: string) => optionalInt(formData, name) ?? 0;
  const outcome = await mutate(CreatePowerPlanDocument, {
    input: {
      name: text(formData, "name"),
      onDisconnect: action("onDisconnect"),
      onDisconnectMinutes: minutes("onDisconnectMinutes"),
      onLogout: action("onLogout"),
      onLogoutMinutes: minutes("onLogoutMinutes"),
      onRelease: action("onRelease"),
      onReleaseMinutes: minutes("onReleaseMinutes"),
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  return done("The power plan was created.");
}

export async function createReleasePlanAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name" });
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateReleasePlanDocument, {
    input: {
      name: text(formData, "name"),
      onRelease: enumValue(ReleaseDisposition, text(formData, "onRelease")) ?? ReleaseDisposition.KEEP,
      keepPersistent: formData.get("keepPersistent") === "on",
      releaseAfterDisconnectMinutes: optionalInt(formData, "releaseAfterDisconnectMinutes"),
      releaseAfterLogoutMinutes: optionalInt(formData, "releaseAfterLogoutMinutes"),
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  return done("The release plan was created.");
}

/** One delete for the three kinds of plan; the hidden `kind` says which. */
export async function deletePlanAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const kind = text(formData, "kind");
  const outcome =
    kind === "protocol"
      ? await mutate(DeleteProtocolPlanDocument, { id })
      : kind === "power"
        ? await mutate(DeletePowerPlanDocument, { id })
        : await mutate(DeleteReleasePlanDocument, { id });
  if (!outcome.ok) return failure(formData, outcome);
  return done("The plan was deleted.");
}
