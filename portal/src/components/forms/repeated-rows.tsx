"use client";

import { type ReactNode, useState } from "react";
import { rowIds } from "@/lib/form-rows";
import { useFormState } from "./action-form";

interface RepeatedRowsProps {
  prefix: string;
  /** The input every row has, by which rows are found again in submitted values. */
  anchor: string;
  addLabel: string;
  emptyText: string;
  max: number;
  /** Rows shown before anything was submitted. */
  initial?: number;
  /** The API's message for the list as a whole. */
  error?: string;
  renderRow: (id: number, position: number, remove: () => void) => ReactNode;
}

/** Rows added and removed in the browser; after an error the same rows come back with what was typed. */
export function RepeatedRows({
  prefix,
  anchor,
  addLabel,
  emptyText,
  max,
  initial = 0,
  error,
  renderRow,
}: RepeatedRowsProps) {
  const state = useFormState();
  const [ids, setIds] = useState(() => {
    const submitted = rowIds(prefix, anchor, Object.keys(state.values));
    return submitted.length > 0 || state.status !== "idle" ? submitted : Array.from({ length: initial }, (_, i) => i);
  });
  return (
    <>
      {ids.length === 0 ? <p className="muted">{emptyText}</p> : null}
      {ids.map((id, index) => (
        <div key={id}>{renderRow(id, index + 1, () => setIds((current) => current.filter((x) => x !== id)))}</div>
      ))}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
      {ids.length < max ? (
        <div className="row">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setIds((current) => [...current, (current[current.length - 1] ?? -1) + 1])}
          >
            {addLabel}
          </button>
        </div>
      ) : null}
    </>
  );
}
