import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { MspStaffDocument, type MspStaffQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, roleLabel } from "@/lib/format";
import { listParams, type SearchParams } from "@/lib/list-params";
import { requirePermission } from "@/lib/viewer";
import { StaffCreateForm } from "./staff-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "MSP staff" };

type Member = MspStaffQuery["mspStaff"]["nodes"][number];

const COLUMNS: Column<Member>[] = [
  {
    id: "person",
    header: "Person",
    cell: (member) => (
      <>
        <Link className="cell-title" href={`/msp/staff/${member.id}`}>
          {member.displayName ?? member.username}
        </Link>
        <div className="cell-sub">
          {member.username}
          {member.email ? ` · ${member.email}` : ""}
        </div>
      </>
    ),
  },
  {
    id: "role",
    header: "Role",
    cell: (member) =>
      member.role ? (
        <Badge tone={member.role === "MSP_ADMIN" ? "accent" : "neutral"} plain>
          {roleLabel(member.role)}
        </Badge>
      ) : (
        "—"
      ),
  },
  {
    id: "mfa",
    header: "Second factor",
    cell: (member) =>
      member.mfaEnrolled ? "Enrolled" : member.mfaRequired ? "Required, not enrolled yet" : "Not required",
  },
  {
    id: "status",
    header: "Status",
    cell: (member) => (member.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>),
  },
  { id: "lastLogin", header: "Last sign-in", secondary: true, cell: (member) => formatDateTime(member.lastLoginAt) },
];

export default async function MspStaffPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("mspStaff:read");
  const list = listParams(await searchParams, { filters: [] });
  const { mspStaff } = await query(MspStaffDocument, list.args);
  return (
    <>
      <PageHeader
        title="MSP staff"
        description="Your own people: who may reach every tenant, and with which role. A second factor is required by default."
      />
      <div className="grid" style={{ gridTemplateColumns: "minmax(0,2fr) minmax(300px,1fr)" }}>
        <ListCard
          label="MSP staff"
          columns={COLUMNS}
          rows={mspStaff}
          pager={{ list, noun: "staff members" }}
          empty={
            <EmptyState icon="◉" title="No staff yet">
              <p>Create the first account beside this list.</p>
            </EmptyState>
          }
        />
        <SectionCard title="New staff member">
          <StaffCreateForm />
        </SectionCard>
      </div>
    </>
  );
}
