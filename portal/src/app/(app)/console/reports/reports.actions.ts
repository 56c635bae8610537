"use server";

import { revalidatePath } from "next/cache";
import {
  CreateReportScheduleDocument,
  DeleteReportScheduleDocument,
  ReportFormat,
  ReportKind,
  ReportPeriod,
  SendReportNowDocument,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue, enumValuesOf } from "@/lib/enums";
import { type FormState, failure, invalid, optionalInt, requireFields, success, text } from "@/lib/form-state";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createScheduleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name", recipients: "Recipients" });
  const recipients = text(formData, "recipients")
    .split(/[\s,;]+/)
    .filter(Boolean);
  const wrong = recipients.find((address) => !EMAIL.test(address));
  if (wrong) errors.recipients = `“${wrong}” is not an e-mail address.`;
  const report = enumValue(ReportKind, text(formData, "report"));
  if (!report) errors.report = "Pick a report.";
  const period = enumValue(ReportPeriod, text(formData, "period"));
  if (!period) errors.period = "Pick a period.";
  const formats = enumValuesOf(ReportFormat, formData.getAll("formats"));
  if (formats.length === 0) errors.formats = "Pick at least one format.";
  if (!report || !period || Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateReportScheduleDocument, {
    input: {
      name: text(formData, "name"),
      report,
      period,
      formats,
      recipients,
      hour: optionalInt(formData, "hour") ?? 6,
      timeZone: text(formData, "timeZone") || "UTC",
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/reports");
  return success("The schedule was created.");
}

export async function sendNowAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(SendReportNowDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  return success("Queued: the last full period is on its way to the recipients.");
}

export async function deleteScheduleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteReportScheduleDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/reports");
  return success("The schedule was deleted.");
}
