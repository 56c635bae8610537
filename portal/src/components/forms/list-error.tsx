"use client";

import { useFormState } from "./action-form";

/** The API's message for a group of inputs (e.g. `config`, `protocols`) that has no single field to sit under. */
export function ListError({ name }: { name: string }) {
  const error = useFormState().fieldErrors[name];
  return error ? (
    <span className="field-error" role="alert">
      {error}
    </span>
  ) : null;
}
