"use client";

import { ActionForm } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/forms/fields";
import { CLIENT_KINDS, VIA_GATEWAY } from "./location-options";
import { createLocationAction } from "./locations.actions";

export function LocationCreateForm() {
  return (
    <ActionForm action={createLocationAction} aria-label="New location">
      <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Head office" />
      <TextAreaField
        name="cidrs"
        label="Addresses"
        required
        rows={3}
        placeholder={"203.0.113.0/24\n2001:db8::/48"}
        hint="IPv4 or IPv6 addresses or CIDR ranges, one per line."
      />
      <CheckboxGroup
        name="clientKinds"
        legend="Clients"
        options={CLIENT_KINDS}
        defaultChecked={CLIENT_KINDS.map((kind) => kind.value)}
      />
      <SelectField name="viaGateway" label="Connections" options={VIA_GATEWAY} />
      <TextField name="description" label="Description" maxLength={1000} hint="Optional." />
      <div className="row">
        <SubmitButton>Add location</SubmitButton>
      </div>
    </ActionForm>
  );
}
