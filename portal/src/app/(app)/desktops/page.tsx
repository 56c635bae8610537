import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { MyDesktopsDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { getViewer } from "@/lib/viewer";
import { DesktopCard } from "./desktop-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My desktops" };

/** The end user's launcher: the broker's offers, or the broker's reason when none are allowed from here. */
export default async function MyDesktops() {
  const viewer = await getViewer();
  const offers = await mutate(MyDesktopsDocument, {});
  return (
    <>
      <PageHeader
        title="My desktops"
        description={`Welcome, ${viewer.displayName ?? viewer.username}. Desktops your organisation offers you appear here.`}
      />
      {!offers.ok ? (
        <div className="card">
          <EmptyState icon="⊘" title="Desktops are not available to you here">
            <p>{offers.message}</p>
          </EmptyState>
        </div>
      ) : offers.data.myDesktops.length === 0 ? (
        <div className="card">
          <EmptyState icon="▣" title="No desktops are offered to you right now">
            <p>
              When your administrator gives you access to a desktop pool, your desktops show up here with a Connect
              button. If you expected one, contact your helpdesk.
            </p>
          </EmptyState>
        </div>
      ) : (
        <div className="desktop-cards">
          {offers.data.myDesktops.map((offer) => (
            <DesktopCard key={offer.desktopId} offer={offer} />
          ))}
        </div>
      )}
    </>
  );
}
