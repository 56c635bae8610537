"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { linkIdentityAction } from "./identity-links.actions";

/** Links a person of a provider (e.g. the same person in the AD and the SAML IdP) to this user, by their subject. */
export function LinkIdentityForm({ userId, providers }: { userId: string; providers: { id: string; name: string }[] }) {
  return (
    <ActionForm action={linkIdentityAction} aria-label="Link a provider account">
      <input type="hidden" name="userId" value={userId} />
      <SelectField
        name="providerId"
        label="Provider"
        options={providers.map((provider) => ({ value: provider.id, label: provider.name }))}
      />
      <TextField
        name="subject"
        label="Subject"
        hint="The provider's immutable id of the person: objectGUID, entryUUID, SAML NameID or OIDC issuer|sub."
      />
      <div className="row">
        <SubmitButton>Link</SubmitButton>
      </div>
    </ActionForm>
  );
}
