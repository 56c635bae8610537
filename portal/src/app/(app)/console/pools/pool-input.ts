import {
  type CreatePoolInput,
  ParkedPowerState,
  type PoolScheduleWindowInput,
  UserDataKind,
  Weekday,
} from "@/generated/graphql";
import { enumValue, enumValuesOf } from "@/lib/enums";
import { rowIds } from "@/lib/form-rows";
import { windowField } from "./pool-options";

const WINDOW_SIZES = ["minTotal", "maxTotal", "minAvailable", "minRunning"] as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const windowIds = (names: Iterable<string>) => rowIds("window", "start", names);

type Read = (name: string) => string;

function readerOf(formData: FormData): { one: Read; all: (name: string) => string[] } {
  return {
    one: (name) => {
      const value = formData.get(name);
      return typeof value === "string" ? value.trim() : "";
    },
    all: (name) => formData.getAll(name).filter((value): value is string => typeof value === "string" && value !== ""),
  };
}

function parseCount(raw: string, label: string, errors: Record<string, string>, key: string): number | null {
  if (raw === "") return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    errors[key] = `${label} must be a whole number, 0 or more.`;
    return null;
  }
  return value;
}

function parseWindows(formData: FormData, errors: Record<string, string>): PoolScheduleWindowInput[] {
  const { one, all } = readerOf(formData);
  const windows: PoolScheduleWindowInput[] = [];
  for (const index of windowIds(formData.keys())) {
    const field = (key: string) => windowField(index, key);
    const start = one(field("start"));
    const end = one(field("end"));
    const days = enumValuesOf(Weekday, all(field("days")));
    if (days.length === 0) errors[field("days")] = "Pick at least one day.";
    if (!HH_MM.test(start)) errors[field("start")] = "Use HH:MM, e.g. 08:00.";
    if (!HH_MM.test(end)) errors[field("end")] = "Use HH:MM, e.g. 18:00.";
    const window: PoolScheduleWindowInput = { days, start, end };
    for (const key of WINDOW_SIZES) window[key] = parseCount(one(field(key)), "A size", errors, field(key));
    windows.push(window);
  }
  return windows;
}

/**
 * The pool form's fields as the API's CreatePoolInput, with local checks for what the browser can know (required
 * pickers, numbers, times). Everything else — name pattern, sizes against each other, inventory — is the API's call.
 */
export function poolInputOf(formData: FormData): { input: CreatePoolInput; errors: Record<string, string> } {
  const { one, all } = readerOf(formData);
  const errors: Record<string, string> = {};
  const required: Record<string, string> = {
    name: "Name",
    imageRef: "Golden image",
    flavorRef: "Flavor",
    namePattern: "Name pattern",
  };
  for (const [name, label] of Object.entries(required)) if (!one(name)) errors[name] = `${label} is required.`;
  const networkIds = all("networkIds");
  if (networkIds.length === 0) errors.networkIds = "Pick at least one network.";
  const bootVolumeGb = parseCount(one("bootVolumeGb"), "Boot volume size", errors, "bootVolumeGb");
  const input: CreatePoolInput = {
    cloudId: one("cloudId"),
    name: one("name"),
    description: one("description") || null,
    imageRef: one("imageRef"),
    flavorRef: one("flavorRef"),
    networkIds,
    securityGroups: all("securityGroups"),
    bootVolumeGb: bootVolumeGb || null,
    storagePolicy: one("storagePolicy") || null,
    availabilityZone: one("availabilityZone") || null,
    namePattern: one("namePattern"),
    userDataKind: enumValue(UserDataKind, one("userDataKind")) ?? UserDataKind.NONE,
    ...scalingOf(formData, errors),
  };
  return { input, errors };
}

export interface Scaling {
  minTotal: number;
  maxTotal: number;
  minAvailable: number;
  minRunning: number;
  parkedPowerState: ParkedPowerState;
  timeZone: string;
  schedule: PoolScheduleWindowInput[];
}

/** Sizes, parked power state and schedule: shared by the create form and the scaling form of an existing pool. */
export function scalingOf(formData: FormData, errors: Record<string, string>): Scaling {
  const { one } = readerOf(formData);
  return {
    minTotal: parseCount(one("minTotal"), "Minimum desktops", errors, "minTotal") ?? 0,
    maxTotal: parseCount(one("maxTotal"), "Maximum desktops", errors, "maxTotal") ?? 0,
    minAvailable: parseCount(one("minAvailable"), "Desktops kept available", errors, "minAvailable") ?? 0,
    minRunning: parseCount(one("minRunning"), "Desktops kept running", errors, "minRunning") ?? 0,
    parkedPowerState: enumValue(ParkedPowerState, one("parkedPowerState")) ?? ParkedPowerState.RUNNING,
    timeZone: one("timeZone") || "UTC",
    schedule: parseWindows(formData, errors),
  };
}
