import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getViewer } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My desktops" };

/**
 * The end user's launcher. Offers come from the broker (`myDesktops`); until this installation's API offers
 * desktops, the page explains what will appear here instead of showing an empty grid.
 */
export default async function MyDesktops() {
  const viewer = await getViewer();
  return (
    <>
      <PageHeader
        title="My desktops"
        description={`Welcome, ${viewer.displayName ?? viewer.username}. Desktops your organisation offers you appear here.`}
      />
      <div className="card">
        <EmptyState icon="▣" title="No desktops are offered to you yet">
          <p>
            When your administrator assigns you to a desktop pool, your desktops show up here with their state and a
            Connect button. If you expected one, contact your helpdesk.
          </p>
        </EmptyState>
      </div>
    </>
  );
}
