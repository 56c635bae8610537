import type { FilterField } from "@/components/lists/filter-toolbar";
import { DesktopAvailability, type DesktopFilter, PowerState } from "@/generated/graphql";
import { enumOptions, enumValue } from "@/lib/enums";
import type { ListParams } from "@/lib/list-params";

/** The search params the desktops list filters on; the CSV export reads the same ones, so it exports what is shown. */
export const DESKTOP_FILTERS = ["q", "pool", "availability", "power", "service"];

const AVAILABILITY = enumOptions<DesktopAvailability>({
  PROVISIONING: "Provisioning",
  AVAILABLE: "Available",
  ASSIGNED: "Assigned",
  UNAVAILABLE: "Unavailable",
  DELETING: "Deleting",
});

const POWER = enumOptions<PowerState>({
  RUNNING: "Running",
  STOPPED: "Stopped",
  SUSPENDED: "Suspended",
  SHELVED: "Shelved",
  BUILDING: "Building",
  ERROR: "Error",
  UNKNOWN: "Unknown",
  DELETED: "Deleted",
});

const SERVICE = [
  { value: "in", label: "In service" },
  { value: "out", label: "Out of service" },
];

/** The list's filters as the API takes them: every one is applied by the server, before paging. */
export function desktopFilter(filters: ListParams["filters"]): DesktopFilter {
  return {
    search: filters.q ?? null,
    poolId: filters.pool ?? null,
    availability: enumValue(DesktopAvailability, filters.availability) ?? null,
    powerState: enumValue(PowerState, filters.power) ?? null,
    outOfService: filters.service === "out" ? true : filters.service === "in" ? false : null,
  };
}

export function desktopFilterFields(pool: FilterField): FilterField[] {
  return [
    { type: "search", name: "q", label: "Name", placeholder: "Search by name" },
    pool,
    { type: "select", name: "availability", label: "Availability", anyLabel: "Any", options: AVAILABILITY },
    { type: "select", name: "power", label: "Power", anyLabel: "Any", options: POWER },
    { type: "select", name: "service", label: "Service", anyLabel: "Any", options: SERVICE },
  ];
}
