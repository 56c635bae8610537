import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { AssignmentRuleDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { requirePermission } from "@/lib/viewer";
import { RuleForm } from "../rule-form";
import { ruleLookups } from "../rule-lookups";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit rule" };

/** A rule edited in place: the form starts from the stored rule and sends back the updatedAt it was read with. */
export default async function RuleEditPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("broker:write");
  const { id } = await params;
  // Another tenant's or a removed rule's id answers NOT_FOUND, which `query` turns into the not-found page.
  const { assignmentRule: rule } = await query(AssignmentRuleDocument, { id });
  const { choices } = await ruleLookups(viewer, rule.position);
  const { condition } = rule;
  return (
    <>
      <PageHeader
        title="Edit rule"
        description="Changes apply at users' next sign-in or connection."
        link={{ href: "/console/rules", label: "Back to the rules" }}
      />
      <SectionCard title={rule.description ?? "Rule"}>
        <RuleForm
          choices={choices}
          rule={{
            id: rule.id,
            updatedAt: rule.updatedAt,
            input: {
              position: rule.position,
              effect: rule.effect,
              description: rule.description,
              identityProviderId: rule.identityProviderId,
              subjectType: condition.subjectType,
              group: condition.group,
              attribute: condition.attribute,
              operator: condition.operator,
              value: condition.value,
              locationIds: condition.locationIds,
              policyId: rule.policyId,
              role: rule.role,
              mfaRequired: rule.mfaRequired,
              gatewayOnly: rule.gatewayOnly,
              html5Only: rule.html5Only,
              protocols: rule.protocols,
            },
          }}
        />
      </SectionCard>
    </>
  );
}
