"use client";

import { useActionState } from "react";
import { ConfirmRow } from "@/components/lists/confirm-row";
import { initialFormState } from "@/lib/form-state";
import { deleteProviderAction, testProviderAction, toggleProviderAction } from "./identity-providers.actions";

/** Test connection shows the server's answer in place; enable/disable and delete change the list. */
export function ProviderRowActions({
  id,
  name,
  enabled,
  mayWrite,
}: {
  id: string;
  name: string;
  enabled: boolean;
  mayWrite: boolean;
}) {
  const [test, testAction, testing] = useActionState(testProviderAction, initialFormState);
  const [toggle, toggleAction, toggling] = useActionState(toggleProviderAction, initialFormState);
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="row">
        <form action={testAction}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="btn btn-sm" disabled={testing} aria-busy={testing}>
            {testing ? "Testing…" : "Test connection"}
          </button>
        </form>
        {mayWrite ? (
          <>
            <form action={toggleAction}>
              <input type="hidden" name="id" value={id} />
              <input type="hidden" name="enabled" value={String(!enabled)} />
              <button type="submit" className="btn btn-sm" disabled={toggling}>
                {enabled ? "Disable" : "Enable"}
              </button>
            </form>
            <ConfirmRow action={deleteProviderAction} fields={{ id }} name={name} noun="provider">
              Its users can no longer sign in through it. Their accounts and history stay.
            </ConfirmRow>
          </>
        ) : null}
      </div>
      {test.status !== "idle" ? (
        <div
          className={`alert alert-${test.status === "success" ? "success" : "error"}`}
          role="status"
          data-testid="test-result"
        >
          {test.status === "success" ? "Connected: " : "Failed: "}
          {test.message}
        </div>
      ) : null}
      {toggle.status === "error" ? (
        <div className="alert alert-error" role="alert">
          {toggle.message}
        </div>
      ) : null}
    </div>
  );
}
