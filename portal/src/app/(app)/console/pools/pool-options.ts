import type { ParkedPowerState, UserDataKind, Weekday } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";
import { rowField } from "@/lib/form-rows";

/** Choices and field names the pool forms share with the code that reads them back (client-safe: types only). */
export const WEEKDAYS = enumOptions<Weekday>({
  MON: "Mon",
  TUE: "Tue",
  WED: "Wed",
  THU: "Thu",
  FRI: "Fri",
  SAT: "Sat",
  SUN: "Sun",
});

export const WORKDAYS: Weekday[] = WEEKDAYS.slice(0, 5).map((day) => day.value);

export const PARKED = enumOptions<ParkedPowerState>({
  RUNNING: "Keep running",
  STOPPED: "Shut down",
  SUSPENDED: "Suspend",
  SHELVED: "Shelve",
});

export const USER_DATA = enumOptions<UserDataKind>({
  NONE: "None",
  CLOUDBASE_INIT: "cloudbase-init (Windows)",
  CLOUD_INIT: "cloud-init (Linux)",
});

/** More windows than this is a schedule nobody can read; the API allows 50. */
export const MAX_WINDOWS = 8;

export const windowField = (id: number, key: string) => rowField("window", id, key);
