"use client";

import { type ReactNode, useCallback, useEffect, useState } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { BULK_SELECT } from "./select-column";

export interface BulkChoice {
  /** What the server action receives as `action`. */
  value: string;
  /** The button: "Restart". */
  label: string;
  /** What happens to the selected rows, in the user's words (the dialog's body). */
  consequence: string;
}

interface BulkBarProps {
  /** Server action; receives `ids` (comma-separated) and `action`. */
  action: FormAction;
  choices: BulkChoice[];
  /** The rows, plural: "desktops". */
  noun: string;
  /** Beside the actions, e.g. the export of the filtered list. */
  children?: ReactNode;
}

const checkboxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[${BULK_SELECT}]`)];

/**
 * The actions a list applies to the rows ticked in its selectColumn: each asks first (ConfirmAction, naming how many
 * rows), then the server action acts on each row by itself, so every row is checked and audited as when acted on
 * alone. The outcome is announced until the selection changes; a done action clears the selection.
 */
export function BulkBar({ action, choices, noun, children }: BulkBarProps) {
  const [selected, setSelected] = useState<string[]>([]);
  const [rows, setRows] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const read = useCallback(() => {
    const boxes = checkboxes();
    setRows(boxes.length);
    setSelected(boxes.flatMap((box) => (box.checked ? [box.value] : [])));
  }, []);
  const selectAll = useCallback(
    (checked: boolean) => {
      for (const box of checkboxes()) box.checked = checked;
      setMessage(null);
      read();
    },
    [read],
  );
  const done = useCallback(
    (text: string) => {
      selectAll(false);
      setMessage(text);
    },
    [selectAll],
  );
  useEffect(() => {
    const changed = (event: Event) => {
      if (!(event.target instanceof HTMLInputElement) || !event.target.hasAttribute(BULK_SELECT)) return;
      setMessage(null);
      read();
    };
    document.addEventListener("change", changed);
    read();
    return () => document.removeEventListener("change", changed);
  }, [read]);
  const count = selected.length;
  return (
    <fieldset className="toolbar bulk-bar">
      <legend className="sr-only">Act on selected {noun}</legend>
      <label className="bulk-all">
        <input
          type="checkbox"
          checked={count > 0 && count === rows}
          onChange={(event) => selectAll(event.target.checked)}
        />
        Select all on this page
      </label>
      <span className="muted" aria-live="polite">
        {count} selected
      </span>
      {choices.map((choice) => (
        <ConfirmAction
          key={choice.value}
          action={action}
          fields={{ ids: selected.join(","), action: choice.value }}
          label={choice.label}
          title={`${choice.label} ${count} ${noun}?`}
          confirmLabel={`${choice.label} ${count} ${noun}`}
          variant="primary"
          disabled={count === 0}
          onDone={done}
        >
          {choice.consequence}
        </ConfirmAction>
      ))}
      {children}
      {message ? (
        <p className="bulk-message" role="status">
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
