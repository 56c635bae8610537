"use client";

import { useFormState } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, TextField } from "@/components/forms/fields";
import { RepeatedRows } from "@/components/forms/repeated-rows";
import type { ParkedPowerState, Weekday } from "@/generated/graphql";
import { MAX_WINDOWS, PARKED, WEEKDAYS, WORKDAYS, windowField } from "./pool-options";

type Window = {
  days: Weekday[];
  start: string;
  end: string;
  minTotal?: number | null;
  maxTotal?: number | null;
  minAvailable?: number | null;
  minRunning?: number | null;
};

/** What the scaling fields start from: the create form's defaults, or an existing pool's settings. */
export interface ScalingDefaults {
  minTotal: number;
  maxTotal: number;
  minAvailable: number;
  minRunning: number;
  parkedPowerState: ParkedPowerState;
  timeZone: string;
  schedule: Window[];
}

export const CREATE_DEFAULTS: ScalingDefaults = {
  minTotal: 0,
  maxTotal: 10,
  minAvailable: 1,
  minRunning: 0,
  parkedPowerState: PARKED[0].value,
  timeZone: "UTC",
  schedule: [],
};

const count = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

function ScheduleWindow({
  id,
  position,
  defaults,
  onRemove,
}: {
  id: number;
  position: number;
  defaults?: Window;
  onRemove: () => void;
}) {
  const field = (key: string) => windowField(id, key);
  return (
    <fieldset className="window-row">
      <legend className="sr-only">Schedule window {position}</legend>
      <CheckboxGroup
        name={field("days")}
        legend="Days"
        options={WEEKDAYS}
        defaultChecked={defaults?.days ?? WORKDAYS}
      />
      <div className="form-grid">
        <TextField
          name={field("start")}
          label="Opens at"
          type="time"
          required
          defaultValue={defaults?.start ?? "08:00"}
        />
        <TextField
          name={field("end")}
          label="Closes at"
          type="time"
          required
          defaultValue={defaults?.end ?? "18:00"}
          hint="At or before the opening time: the window runs past midnight."
        />
      </div>
      <div className="form-grid window-sizes">
        <TextField
          name={field("minTotal")}
          label="Minimum"
          type="number"
          min={0}
          defaultValue={count(defaults?.minTotal)}
        />
        <TextField
          name={field("maxTotal")}
          label="Maximum"
          type="number"
          min={0}
          defaultValue={count(defaults?.maxTotal)}
        />
        <TextField
          name={field("minAvailable")}
          label="Available"
          type="number"
          min={0}
          defaultValue={count(defaults?.minAvailable)}
        />
        <TextField
          name={field("minRunning")}
          label="Running"
          type="number"
          min={0}
          defaultValue={count(defaults?.minRunning)}
        />
      </div>
      <p className="hint">Sizes while the window is open; leave one empty to keep the pool&apos;s own.</p>
      <div className="row">
        <button type="button" className="btn btn-sm btn-ghost" onClick={onRemove}>
          Remove window
        </button>
      </div>
    </fieldset>
  );
}

function ScheduleWindows({ windows }: { windows: Window[] }) {
  return (
    <RepeatedRows
      initial={windows.length}
      prefix="window"
      anchor="start"
      addLabel="+ Add window"
      emptyText="No windows: the sizes above apply around the clock."
      max={MAX_WINDOWS}
      error={useFormState().fieldErrors.schedule}
      renderRow={(id, position, remove) => (
        <ScheduleWindow id={id} position={position} defaults={windows[id]} onRemove={remove} />
      )}
    />
  );
}

/** Sizes and schedule windows: part of the create form, and the whole of an existing pool's scaling form. */
export function PoolScalingFields({ defaults }: { defaults: ScalingDefaults }) {
  return (
    <>
      <fieldset className="form-section">
        <legend>Scaling</legend>
        <p className="form-section-intro">
          The pool controller keeps the pool between its minimum and maximum and builds desktops ahead of demand.
        </p>
        <div className="form-grid">
          <TextField
            name="minTotal"
            label="Minimum desktops"
            type="number"
            min={0}
            defaultValue={count(defaults.minTotal)}
          />
          <TextField
            name="maxTotal"
            label="Maximum desktops"
            type="number"
            min={0}
            defaultValue={count(defaults.maxTotal)}
          />
        </div>
        <div className="form-grid">
          <TextField
            name="minAvailable"
            label="Kept available"
            type="number"
            min={0}
            defaultValue={count(defaults.minAvailable)}
            hint="Free desktops ready for the next user."
          />
          <TextField
            name="minRunning"
            label="Kept running"
            type="number"
            min={0}
            defaultValue={count(defaults.minRunning)}
            hint="Free desktops powered on."
          />
          <SelectField
            name="parkedPowerState"
            label="Other free desktops"
            options={PARKED}
            defaultValue={defaults.parkedPowerState}
            hint="Beyond those kept running."
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Schedule</legend>
        <p className="form-section-intro">Windows override the sizes at busy times, e.g. more desktops on weekdays.</p>
        <TextField
          name="timeZone"
          label="Time zone"
          defaultValue={defaults.timeZone}
          maxLength={64}
          hint="IANA name, e.g. Europe/Berlin."
        />
        <ScheduleWindows windows={defaults.schedule} />
      </fieldset>
    </>
  );
}
