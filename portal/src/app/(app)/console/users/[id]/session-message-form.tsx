"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton, TextAreaField } from "@/components/forms/fields";
import { messageSessionAction } from "./support.actions";

/** A message for the user's open session: the desktop's agent shows it on their screen. */
export function SessionMessageForm({ sessionId, userId }: { sessionId: string; userId: string }) {
  return (
    <ActionForm action={messageSessionAction} aria-label="Message to the user">
      <input type="hidden" name="id" value={sessionId} />
      <input type="hidden" name="userId" value={userId} />
      <TextAreaField name="text" label="Message to the user's desktop" rows={2} />
      <div className="row">
        <SubmitButton>Send message</SubmitButton>
      </div>
    </ActionForm>
  );
}
