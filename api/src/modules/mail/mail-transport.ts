import type { SmtpSettings } from "@atrium/schema";
import nodemailer from "nodemailer";
import type { Ctx } from "../../context/ctx.js";

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  to: readonly string[];
  subject: string;
  text: string;
  attachments?: readonly MailAttachment[];
  /** A stable Message-ID lets mail systems drop a copy if a send is ever repeated. */
  messageId?: string;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super("No SMTP server is configured for this tenant or the MSP");
    this.name = "MailNotConfiguredError";
  }
}

/** The tenant's own SMTP settings if it has any, else the MSP's; null when neither exists. */
export async function effectiveSmtpSettings(ctx: Ctx): Promise<SmtpSettings | null> {
  const own = ctx.db.tenantId ? await ctx.db.smtpSettings.findOne({}) : null;
  return own ?? ctx.db.msp().smtpSettings.findOne({});
}

const TIMEOUT_MS = 15_000;

/**
 * Sends one message through the effective SMTP server. The password is opened only here, for the transport, and
 * never logged; a failure surfaces as nodemailer's error (its message names the stage, not the credentials).
 */
export async function sendMail(ctx: Ctx, mail: OutgoingMail): Promise<{ messageId: string }> {
  const settings = await effectiveSmtpSettings(ctx);
  if (!settings) throw new MailNotConfiguredError();
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tlsMode === "tls",
    requireTLS: settings.tlsMode === "starttls",
    ignoreTLS: settings.tlsMode === "none",
    auth:
      settings.username && settings.passwordEnc
        ? { user: settings.username, pass: ctx.services.secretBox.open(settings.passwordEnc) }
        : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: settings.fromAddress,
      to: [...mail.to],
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      attachments: mail.attachments?.map((file) => ({ ...file })),
    });
    return { messageId: String(info.messageId) };
  } finally {
    transport.close();
  }
}
