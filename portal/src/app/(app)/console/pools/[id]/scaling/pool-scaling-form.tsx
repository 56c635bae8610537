"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/fields";
import { PoolScalingFields, type ScalingDefaults } from "../../pool-scaling-fields";
import { updateScalingAction } from "../../pools.actions";

export function PoolScalingForm({ id, defaults }: { id: string; defaults: ScalingDefaults }) {
  return (
    <ActionForm action={updateScalingAction} className="form form-wide" aria-label="Pool scaling">
      <input type="hidden" name="id" value={id} />
      <PoolScalingFields defaults={defaults} />
      <div className="row">
        <SubmitButton>Save scaling</SubmitButton>
      </div>
    </ActionForm>
  );
}
