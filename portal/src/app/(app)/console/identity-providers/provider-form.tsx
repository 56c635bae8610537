"use client";

import { useState } from "react";
import { ActionForm, useFormState } from "@/components/forms/action-form";
import { Checkbox, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/forms/fields";
import { ListError } from "@/components/forms/list-error";
import type { IdentityProviderKind, LdapLoginAttribute, LdapSecurity } from "@/generated/graphql";
import { enumOptions, optionValue } from "@/lib/enums";
import { createProviderAction } from "./identity-providers.actions";
import { PROVIDER_KINDS } from "./provider-options";

const SECURITY = enumOptions<LdapSecurity>({ LDAPS: "LDAPS", STARTTLS: "StartTLS", NONE: "None (lab only)" });

// Labelled with the attribute names directory administrators know.
const LOGIN_ATTRIBUTES = enumOptions<LdapLoginAttribute>({
  SAM_ACCOUNT_NAME: "sAMAccountName",
  USER_PRINCIPAL_NAME: "userPrincipalName",
  UID: "uid",
  MAIL: "mail",
});

function LdapFields() {
  return (
    <>
      <TextAreaField
        name="urls"
        label="Server URLs"
        rows={2}
        placeholder="ldaps://dc1.corp.example:636"
        hint="One per line; the next is tried when a server cannot be reached."
      />
      <div className="form-grid">
        <SelectField name="security" label="Security" options={SECURITY} />
        <SelectField name="loginAttribute" label="Users sign in with" options={LOGIN_ATTRIBUTES} />
      </div>
      <div className="form-grid">
        <TextField
          name="bindDn"
          label={"Service account (DN, UPN or DOMAIN\\name)"}
          placeholder="svc-atrium@corp.example"
        />
        <TextField name="bindPassword" label="Service account password" type="password" autoComplete="new-password" />
      </div>
      <div className="form-grid">
        <TextField name="searchBase" label="Search base" placeholder="OU=Staff,DC=corp,DC=example" />
        <TextField
          name="userFilter"
          label="User filter"
          placeholder="(memberOf:1.2.840.113556.1.4.1941:=CN=Desktop users,OU=…)"
          hint="Optional. Only users this LDAP filter matches may sign in: use it when the search base holds other customers' people."
        />
        <TextField
          name="groupSearchBase"
          label="Group search base"
          placeholder="OU=Groups,OU=Staff,DC=corp,DC=example"
          hint="Optional. Only groups under it count for roles and the group list."
        />
      </div>
    </>
  );
}

function SamlFields() {
  return (
    <>
      <TextAreaField
        name="metadataXml"
        label="IdP metadata XML"
        rows={4}
        hint="Paste the IdP's metadata document, or fill in the three fields below instead."
      />
      <div className="form-grid">
        <TextField name="ssoUrl" label="Single sign-on URL" type="url" />
        <TextField name="idpEntityId" label="IdP entity ID" hint="Optional." />
      </div>
      <TextAreaField name="idpCertificate" label="Signing certificate (PEM)" rows={3} />
    </>
  );
}

function OidcFields() {
  return (
    <div className="form-grid">
      <TextField name="issuer" label="Issuer URL" type="url" placeholder="https://login.example.com/tenant/v2.0" />
      <TextField name="clientId" label="Client ID" />
      <TextField name="clientSecret" label="Client secret" type="password" autoComplete="new-password" />
    </div>
  );
}

function RadiusFields() {
  return (
    <div className="form-grid">
      <TextField name="host" label="Server" placeholder="radius.corp.example" />
      <TextField name="port" label="Port" type="number" min={1} max={65535} defaultValue="1812" />
      <TextField name="secret" label="Shared secret" type="password" autoComplete="new-password" />
    </div>
  );
}

const FIELDS: Record<IdentityProviderKind, () => React.JSX.Element> = {
  LDAP: LdapFields,
  SAML: SamlFields,
  OIDC: OidcFields,
  RADIUS: RadiusFields,
};

/** The kind picks the fields; secrets are write-only and never shown again. */
function KindFields() {
  const state = useFormState();
  const [kind, setKind] = useState(optionValue(PROVIDER_KINDS, state.values.kind) ?? PROVIDER_KINDS[0].value);
  const Fields = FIELDS[kind];
  return (
    <>
      <div className="field">
        <label htmlFor="provider-kind">Kind</label>
        <select
          id="provider-kind"
          name="kind"
          value={kind}
          onChange={(event) => setKind(optionValue(PROVIDER_KINDS, event.target.value) ?? kind)}
        >
          {PROVIDER_KINDS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="form-section">
        <legend>Connection</legend>
        <Fields />
        <ListError name="settings" />
      </fieldset>
    </>
  );
}

export function ProviderCreateForm() {
  return (
    <ActionForm action={createProviderAction} className="form form-wide" aria-label="New identity provider">
      <div className="form-grid">
        <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Corporate directory" />
        <TextField
          name="priority"
          label="Priority"
          type="number"
          defaultValue="100"
          hint="Directories are tried in this order (lowest first)."
        />
      </div>
      <KindFields />
      <Checkbox name="enabled" label="Enabled" defaultChecked />
      <div className="row">
        <SubmitButton>Add provider</SubmitButton>
      </div>
    </ActionForm>
  );
}
