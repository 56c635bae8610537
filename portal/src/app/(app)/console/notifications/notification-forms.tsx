"use client";

import { useActionState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, SubmitButton, TextAreaField, TextField } from "@/components/forms/fields";
import { initialFormState } from "@/lib/form-state";
import { ALERT_KINDS, TLS_MODES } from "./notification-options";
import { createAlertRuleAction, saveSmtpAction, sendTestEmailAction } from "./notifications.actions";

export interface SmtpValues {
  host: string;
  port: number;
  tlsMode: string;
  username?: string | null;
  hasPassword: boolean;
  fromAddress: string;
}

export function SmtpForm({ settings }: { settings: SmtpValues | null }) {
  return (
    <ActionForm action={saveSmtpAction} className="form form-wide" aria-label="Mail server">
      <div className="form-grid">
        <TextField name="host" label="Host" required defaultValue={settings?.host} placeholder="smtp.example.com" />
        <TextField
          name="port"
          label="Port"
          type="number"
          required
          min={1}
          max={65535}
          defaultValue={String(settings?.port ?? 587)}
        />
        <SelectField
          name="tlsMode"
          label="TLS"
          options={TLS_MODES}
          defaultValue={settings?.tlsMode ?? TLS_MODES[0].value}
        />
      </div>
      <div className="form-grid">
        <TextField
          name="username"
          label="Username"
          defaultValue={settings?.username ?? undefined}
          autoComplete="off"
          hint="Leave empty for a server without authentication."
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={settings?.hasPassword ? "Password stored. Leave empty to keep it." : "No password stored."}
        />
        <TextField
          name="fromAddress"
          label="From address"
          type="email"
          required
          defaultValue={settings?.fromAddress}
          placeholder="alerts@example.com"
        />
      </div>
      <div className="row">
        <SubmitButton>Save mail server</SubmitButton>
      </div>
    </ActionForm>
  );
}

/** Sends one message through the saved settings and shows the mail server's answer. */
export function TestEmailForm() {
  const [state, send, sending] = useActionState(sendTestEmailAction, initialFormState);
  return (
    <form action={send} className="toolbar" aria-label="Send a test e-mail">
      <div className="field">
        <label htmlFor="test-email-to">Send to</label>
        <input id="test-email-to" name="to" type="email" required placeholder="you@example.com" />
      </div>
      <button type="submit" className="btn" disabled={sending}>
        Send test e-mail
      </button>
      {state.status !== "idle" ? (
        <span
          className={state.status === "error" ? "field-error" : "cell-sub"}
          role="status"
          data-testid="test-email-result"
        >
          {state.fieldErrors.to ?? state.message}
        </span>
      ) : null}
    </form>
  );
}

export function AlertRuleCreateForm() {
  return (
    <ActionForm action={createAlertRuleAction} className="form form-wide" aria-label="New alert rule">
      <div className="form-grid">
        <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Pool running low" />
        <SelectField name="kind" label="When" options={ALERT_KINDS} />
      </div>
      <div className="form-grid">
        <TextField
          name="threshold"
          label="Threshold"
          type="number"
          min={0}
          hint="Desktops, percent or failures, as the kind says; empty for kinds without one."
        />
        <TextField
          name="windowMinutes"
          label="Window (minutes)"
          type="number"
          min={1}
          max={1440}
          hint="Failed sign-ins only."
        />
        <TextField
          name="maxEmailsPerHour"
          label="At most e-mails per hour"
          type="number"
          min={1}
          max={100}
          defaultValue="10"
        />
      </div>
      <TextAreaField
        name="recipients"
        label="Recipients"
        required
        rows={2}
        placeholder="oncall@example.com"
        hint="E-mail addresses, one per line or separated by commas."
      />
      <div className="row">
        <SubmitButton>Create alert rule</SubmitButton>
      </div>
    </ActionForm>
  );
}
