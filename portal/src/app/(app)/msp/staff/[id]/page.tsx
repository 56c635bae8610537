import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { MspStaffMemberDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, roleLabel } from "@/lib/format";
import { can, requirePermission } from "@/lib/viewer";
import { resetStaffMfaAction, setStaffDisabledAction } from "../staff.actions";
import { StaffEditForm, StaffPasswordForm } from "../staff-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "MSP staff member" };

export default async function MspStaffMemberPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requirePermission("mspStaff:read");
  const { id } = await params;
  const search = await searchParams;
  const { mspStaffMember: member } = await query(MspStaffMemberDocument, { id });
  const name = member.displayName ?? member.username;
  const canWrite = can(viewer, "mspStaff:write");
  const fields = { id: member.id };
  return (
    <>
      <PageHeader
        title={name}
        description={`${member.username}${member.role ? ` · ${roleLabel(member.role)}` : ""}`}
        crumbs={[{ href: "/msp/staff", label: "MSP staff" }]}
      />
      <Banner show={Boolean(search.created)}>
        The account was created. {member.mfaRequired ? "An authenticator app is set up at the first sign-in." : ""}
      </Banner>
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))" }}>
        <SectionCard title="Account">
          <dl className="details-list">
            <dt>Status</dt>
            <dd>{member.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</dd>
            <dt>Authenticator app</dt>
            <dd>{member.mfaEnrolled ? "Enrolled" : "Not enrolled"}</dd>
            <dt>Last sign-in</dt>
            <dd>{formatDateTime(member.lastLoginAt)}</dd>
            <dt>Created</dt>
            <dd>{formatDateTime(member.createdAt)}</dd>
          </dl>
          {canWrite ? (
            <div className="row" style={{ marginTop: 16 }}>
              {member.disabled ? (
                <ConfirmAction
                  action={setStaffDisabledAction}
                  fields={{ ...fields, disabled: "false" }}
                  label="Enable"
                  title={`Enable ${name}?`}
                  confirmLabel="Enable"
                  variant="primary"
                >
                  <p>They can sign in again with their password.</p>
                </ConfirmAction>
              ) : (
                <ConfirmAction
                  action={setStaffDisabledAction}
                  fields={{ ...fields, disabled: "true" }}
                  label="Disable"
                  title={`Disable ${name}?`}
                  confirmLabel="Disable account"
                >
                  <p>They cannot sign in any more and every session of theirs ends now.</p>
                </ConfirmAction>
              )}
              {member.mfaEnrolled ? (
                <ConfirmAction
                  action={resetStaffMfaAction}
                  fields={fields}
                  label="Reset authenticator"
                  title={`Reset ${name}'s authenticator?`}
                  confirmLabel="Reset authenticator"
                >
                  <p>Their app stops working; they enrol a new one at their next sign-in.</p>
                </ConfirmAction>
              ) : null}
            </div>
          ) : null}
        </SectionCard>
        {canWrite ? (
          <SectionCard title="Role and details">
            <StaffEditForm member={member} />
          </SectionCard>
        ) : null}
        {canWrite ? (
          <SectionCard title="Reset password">
            <StaffPasswordForm id={member.id} />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
