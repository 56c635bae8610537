"use server";

import { revalidatePath } from "next/cache";
import {
  AlertKind,
  CreateAlertRuleDocument,
  DeleteAlertRuleDocument,
  SaveSmtpSettingsDocument,
  SendTestEmailDocument,
  SmtpTlsMode,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import {
  type FormState,
  failure,
  formValues,
  invalid,
  optionalInt,
  optionalText,
  requireFields,
  success,
  text,
} from "@/lib/form-state";

export async function saveSmtpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { host: "Host", port: "Port", fromAddress: "From address" });
  if (Object.keys(errors).length) return invalid(formData, errors);
  // An empty password field keeps the stored one: the API never returns it, so the form cannot prefill it.
  const password = text(formData, "password");
  const outcome = await mutate(SaveSmtpSettingsDocument, {
    input: {
      host: text(formData, "host"),
      port: Number(text(formData, "port")),
      tlsMode: enumValue(SmtpTlsMode, text(formData, "tlsMode")) ?? SmtpTlsMode.STARTTLS,
      username: optionalText(formData, "username"),
      fromAddress: text(formData, "fromAddress"),
      ...(password ? { password } : {}),
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/notifications");
  return success("The mail server settings were saved.");
}

export async function sendTestEmailAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(SendTestEmailDocument, { to: text(formData, "to") });
  if (!outcome.ok) return failure(formData, outcome);
  const result = outcome.data.sendTestEmail;
  // The server's refusal is the answer the admin needs, so it is shown as the result rather than as a failure.
  if (!result.ok) {
    return {
      status: "error",
      message: `Not sent: ${result.error ?? "unknown error"}`,
      fieldErrors: {},
      values: formValues(formData),
    };
  }
  return success(`Sent (message id ${result.messageId ?? "unknown"}).`);
}

export async function createAlertRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name", recipients: "Recipients" });
  const kind = enumValue(AlertKind, text(formData, "kind"));
  if (!kind) errors.kind = "Pick what the rule watches.";
  if (!kind || Object.keys(errors).length) return invalid(formData, errors);
  // Addresses are checked by the API, whose message lands next to the field.
  const outcome = await mutate(CreateAlertRuleDocument, {
    input: {
      name: text(formData, "name"),
      kind,
      threshold: optionalInt(formData, "threshold"),
      windowMinutes: optionalInt(formData, "windowMinutes"),
      recipients: text(formData, "recipients")
        .split(/[\s,;]+/)
        .filter(Boolean),
      maxEmailsPerHour: optionalInt(formData, "maxEmailsPerHour") ?? 10,
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/notifications");
  return success("The alert rule was created.");
}

export async function deleteAlertRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteAlertRuleDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/notifications");
  return success("The alert rule was deleted.");
}
