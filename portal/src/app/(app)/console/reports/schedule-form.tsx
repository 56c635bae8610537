"use client";

import { useActionState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/forms/fields";
import { ConfirmRow } from "@/components/lists/confirm-row";
import { initialFormState } from "@/lib/form-state";
import { FORMATS, KINDS, PERIODS } from "./report-options";
import { createScheduleAction, deleteScheduleAction, sendNowAction } from "./reports.actions";

export function ScheduleCreateForm() {
  return (
    <ActionForm action={createScheduleAction} className="form form-wide" aria-label="New schedule">
      <div className="form-grid">
        <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Monthly usage for finance" />
        <SelectField name="report" label="Report" options={KINDS} />
        <SelectField name="period" label="Every" options={PERIODS} defaultValue={PERIODS[2].value} />
      </div>
      <TextAreaField
        name="recipients"
        label="Recipients"
        required
        rows={2}
        placeholder="finance@example.com"
        hint="E-mail addresses, one per line or separated by commas."
      />
      <div className="form-grid">
        <CheckboxGroup name="formats" legend="Formats" options={FORMATS} defaultChecked={[FORMATS[0].value]} />
        <TextField name="hour" label="Sent at (hour)" type="number" min={0} max={23} defaultValue="6" />
        <TextField name="timeZone" label="Time zone" defaultValue="UTC" hint="IANA name, e.g. Europe/Berlin." />
      </div>
      <div className="row">
        <SubmitButton>Create schedule</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function ScheduleActions({ id, name }: { id: string; name: string }) {
  const [sent, send, sending] = useActionState(sendNowAction, initialFormState);
  return (
    <div className="stack" style={{ gap: 6 }}>
      <div className="row">
        <form action={send}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="btn btn-sm" disabled={sending}>
            Send now
          </button>
        </form>
        <ConfirmRow action={deleteScheduleAction} fields={{ id }} name={name} noun="schedule">
          The recipients stop receiving this report. Reports already sent stay in their mailboxes.
        </ConfirmRow>
      </div>
      {sent.status !== "idle" ? (
        <span className={sent.status === "error" ? "field-error" : "cell-sub"} role="status">
          {sent.message}
        </span>
      ) : null}
    </div>
  );
}
