import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { type LocationFieldsFragment, LocationsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { can, requirePermission } from "@/lib/viewer";
import { LocationCreateForm } from "./location-form";
import { CLIENT_KINDS, VIA_GATEWAY } from "./location-options";
import { deleteLocationAction } from "./locations.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Locations" };

const label = (options: { value: string; label: string }[], value: string) =>
  options.find((option) => option.value === value)?.label ?? value;

function windowsText(location: LocationFieldsFragment): string {
  if (location.timeWindows.length === 0) return "Always";
  return location.timeWindows
    .map((window) => `${window.days.join(", ")} ${window.start}–${window.end} (${window.timeZone})`)
    .join("; ");
}

function LocationTable({ locations, mayDelete }: { locations: LocationFieldsFragment[]; mayDelete: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Location</th>
            <th scope="col">Addresses</th>
            <th scope="col" className="hide-sm">
              Clients
            </th>
            <th scope="col" className="hide-sm">
              When
            </th>
            {mayDelete ? (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {locations.map((location) => (
            <tr key={location.id}>
              <td>
                <div className="cell-title">{location.name}</div>
                <div className="cell-sub">{label(VIA_GATEWAY, location.viaGateway)}</div>
              </td>
              <td className="mono">{location.cidrs.join(", ")}</td>
              <td className="hide-sm">{location.clientKinds.map((kind) => label(CLIENT_KINDS, kind)).join(", ")}</td>
              <td className="hide-sm">{windowsText(location)}</td>
              {mayDelete ? (
                <td>
                  <ConfirmAction
                    action={deleteLocationAction}
                    fields={{ id: location.id }}
                    label="Delete"
                    title={`Delete ${location.name}?`}
                    confirmLabel="Delete location"
                  >
                    Rules that refer to it stop matching there. Locations still used by a rule cannot be deleted.
                  </ConfirmAction>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

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
        <section className="card" aria-labelledby="own-locations">
          <div className="card-header">
            <h2 id="own-locations">Your locations</h2>
          </div>
          {locations.nodes.length === 0 ? (
            <EmptyState icon="◌" title="No locations yet">
              <p>Without locations, rules apply wherever users connect from.</p>
            </EmptyState>
          ) : (
            <LocationTable locations={locations.nodes} mayDelete={mayWrite} />
          )}
        </section>
        {inheritedLocations.length > 0 ? (
          <section className="card" aria-labelledby="msp-locations">
            <div className="card-header">
              <h2 id="msp-locations">From your service provider</h2>
              <Badge>Read only</Badge>
            </div>
            <LocationTable locations={inheritedLocations} mayDelete={false} />
          </section>
        ) : null}
        {mayWrite ? (
          <section className="card" aria-labelledby="new-location">
            <div className="card-header">
              <h2 id="new-location">Add a location</h2>
            </div>
            <div className="card-body">
              <LocationCreateForm />
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
