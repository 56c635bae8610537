import type { SmtpSettings } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { notFound } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import { sendMail } from "./mail-transport.js";
import type { SmtpSettingsInput, SmtpSettingsType, SmtpTestResultType } from "./smtp-settings.types.js";

// The MSP's settings (tenant null) serve every tenant without its own; a tenant admin sees and edits only its
// override. The scope is the caller's effective tenant, never an argument.

function ownRow(ctx: Ctx) {
  return ctx.db.smtpSettings.findOne({});
}

export function toSmtpSettingsType(row: SmtpSettings): SmtpSettingsType {
  return {
    id: row.id,
    tenantOverride: row.tenantId !== null,
    host: row.host,
    port: row.port,
    tlsMode: row.tlsMode,
    username: row.username,
    hasPassword: row.passwordEnc !== null,
    fromAddress: row.fromAddress,
    updatedAt: row.updatedAt,
  };
}

export async function getSmtpSettings(ctx: Ctx): Promise<SmtpSettingsType | null> {
  const row = await ownRow(ctx);
  return row ? toSmtpSettingsType(row) : null;
}

export async function saveSmtpSettings(ctx: Ctx, input: SmtpSettingsInput): Promise<SmtpSettingsType> {
  return withTransaction(ctx, async (tx) => {
    const current = await ownRow(tx);
    const before = current ? { ...current } : null;
    const username = input.username ?? null;
    let passwordEnc = current?.passwordEnc ?? null;
    if (input.password) passwordEnc = tx.services.secretBox.seal(input.password);
    // A password without a user name cannot be used, and keeping it would keep a secret nobody can see or clear.
    if (!username) passwordEnc = null;
    const values = {
      host: input.host,
      port: input.port,
      tlsMode: input.tlsMode,
      username,
      passwordEnc,
      fromAddress: input.fromAddress,
    };
    const saved = current
      ? await tx.db.smtpSettings.save(Object.assign(current, values))
      : await tx.db.smtpSettings.insert(values);
    await recordAudit(tx, {
      action: "saveSmtpSettings",
      targetType: "SmtpSettings",
      targetId: saved.id,
      before,
      after: saved,
    });
    return toSmtpSettingsType(saved);
  });
}

export async function deleteSmtpSettings(ctx: Ctx): Promise<SmtpSettingsType> {
  return withTransaction(ctx, async (tx) => {
    const current = await ownRow(tx);
    if (!current) throw notFound("SMTP settings");
    await tx.db.smtpSettings.delete({ id: current.id });
    await recordAudit(tx, {
      action: "deleteSmtpSettings",
      targetType: "SmtpSettings",
      targetId: current.id,
      before: current,
    });
    return toSmtpSettingsType(current);
  });
}

/** Sends a short message through the settings a report of this scope would use, and says what happened. */
export async function sendTestEmail(ctx: Ctx, to: string): Promise<SmtpTestResultType> {
  try {
    const { messageId } = await sendMail(ctx, {
      to: [to],
      subject: "Atrium test message",
      text: "This is a test message from Atrium. Scheduled reports and alerts will be sent the same way.",
    });
    return { ok: true, messageId, error: null };
  } catch (error) {
    return { ok: false, messageId: null, error: error instanceof Error ? error.message.slice(0, 500) : "send failed" };
  }
}
