import type { Metadata } from "next";
import { ConfirmRow } from "@/components/lists/confirm-row";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { type LocationFieldsFragment, LocationsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { optionLabel } from "@/lib/enums";
import { can, requirePermission } from "@/lib/viewer";
import { LocationCreateForm } from "./location-form";
import { CLIENT_KINDS, VIA_GATEWAY } from "./location-options";
import { deleteLocationAction } from "./locations.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Locations" };

function windowsText(location: LocationFieldsFragment): string {
  if (location.timeWindows.length === 0) return "Always";
  return location.timeWindows
    .map((window) => `${window.days.join(", ")} ${window.start}–${window.end} (${window.timeZone})`)
    .join("; ");
}

const COLUMNS: Column<LocationFieldsFragment>[] = [
  {
    id: "location",
    header: "Location",
    cell: (location) => (
      <>
        <div className="cell-title">{location.name}</div>
        <div className="cell-sub">{optionLabel(VIA_GATEWAY, location.viaGateway)}</div>
      </>
    ),
  },
  { id: "addresses", header: "Addresses", className: "mono", cell: (location) => location.cidrs.join(", ") },
  {
    id: "clients",
    header: "Clients",
    secondary: true,
    cell: (location) => location.clientKinds.map((kind) => optionLabel(CLIENT_KINDS, kind)).join(", "),
  },
  { id: "when", header: "When", secondary: true, cell: windowsText },
];

export default async function LocationsPage() {
  const viewer = await requirePermission("broker:read");
  const { locations, inheritedLocations } = await query(LocationsDocument, {});
  const mayWrite = can(viewer, "broker:write");
  return (
    <>
      <PageHeader
        title="Locations"
        description="Where users connect from. Assignment rules grant or deny access per location."
      />
      <div className="stack" style={{ gap: 16 }}>
        <ListCard
          title="Your locations"
          columns={COLUMNS}
          rows={locations.nodes}
          actions={
            mayWrite
              ? (location) => (
                  <ConfirmRow
                    action={deleteLocationAction}
                    fields={{ id: location.id }}
                    name={location.name}
                    noun="location"
                  >
                    Rules that refer to it stop matching there. Locations still used by a rule cannot be deleted.
                  </ConfirmRow>
                )
              : undefined
          }
          empty={
            <EmptyState icon="◌" title="No locations yet">
              <p>Without locations, rules apply wherever users connect from.</p>
            </EmptyState>
          }
        />
        {inheritedLocations.length > 0 ? (
          <ListCard
            title="From your service provider"
            headerActions={<Badge>Read only</Badge>}
            columns={COLUMNS}
            rows={inheritedLocations}
            empty={null}
          />
        ) : null}
        {mayWrite ? (
          <SectionCard title="Add a location">
            <LocationCreateForm />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
