import type { ReactNode } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";

interface ConfirmRowProps {
  /** Server action; receives `fields` as hidden inputs and returns the form state (errors show in the dialog). */
  action: FormAction;
  fields: Record<string, string>;
  /** The row as the question names it: "Delete {name}?". */
  name: string;
  /** What the row is, for the confirming button: "Delete {noun}". */
  noun: string;
  verb?: "Delete" | "Remove" | "Revoke";
  /** What happens once confirmed, in the user's words. */
  children: ReactNode;
}

/**
 * A row's destructive action, asked before it is done: the row shows the verb, the dialog names the row and its
 * consequences, and the confirming button repeats verb and noun, so every list words it the same way.
 */
export function ConfirmRow({ action, fields, name, noun, verb = "Delete", children }: ConfirmRowProps) {
  return (
    <ConfirmAction
      action={action}
      fields={fields}
      label={verb}
      title={`${verb} ${name}?`}
      confirmLabel={`${verb} ${noun}`}
    >
      {children}
    </ConfirmAction>
  );
}
