import Link from "next/link";
import { CloudDirectoryDocument, CloudsDocument } from "@/generated/graphql";
import { mutate, query } from "@/lib/api/server-api";
import { TenantMappingForm } from "./tenant-mapping-form";

interface CloudMappingStepProps {
  tenant: { id: string; cloudId: string | null; vhiDomain: string | null; vhiProject: string | null };
  /** The cloud picked in this page's address (`?cloud=`), else the tenant's own. */
  cloudId: string | undefined;
  /** Hidden fields that keep the page where it is when the cloud choice is submitted (e.g. the wizard's step). */
  keep: Record<string, string>;
  next?: string;
}

/**
 * Choose the cloud, then the domain and project from its Keystone's own lists. The cloud choice is a plain GET form,
 * so the lists come from the server for the cloud picked and a reload keeps them.
 */
export async function CloudMappingStep({ tenant, cloudId, keep, next }: CloudMappingStepProps) {
  const { clouds } = await query(CloudsDocument, { first: 100 });
  if (clouds.nodes.length === 0) {
    return (
      <div className="alert alert-warning" role="status">
        No cloud is registered yet. <Link href="/msp/clouds">Register a cloud</Link> first: its service account lists
        the projects a tenant can be mapped to.
      </div>
    );
  }
  const chosen = clouds.nodes.find((cloud) => cloud.id === (cloudId ?? tenant.cloudId)) ?? null;
  const directory = chosen ? await mutate(CloudDirectoryDocument, { cloudId: chosen.id }) : null;
  return (
    <div className="stack">
      <form method="get" className="row" aria-label="Which cloud" style={{ alignItems: "flex-end" }}>
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="field" style={{ flex: 1, marginBottom: 0 }}>
          <label htmlFor="mapping-cloud">Cloud</label>
          <select id="mapping-cloud" name="cloud" defaultValue={chosen?.id ?? clouds.nodes[0]?.id}>
            {clouds.nodes.map((cloud) => (
              <option key={cloud.id} value={cloud.id}>
                {cloud.region ? `${cloud.name} (${cloud.region})` : cloud.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          List its projects
        </button>
      </form>
      {directory && !directory.ok ? (
        <div className="alert alert-error" role="alert">
          {directory.message}
        </div>
      ) : null}
      {directory?.ok ? (
        <TenantMappingForm
          tenantId={tenant.id}
          directory={directory.data.cloudDirectory}
          vhiDomain={tenant.vhiDomain}
          vhiProject={tenant.vhiProject}
          next={next}
        />
      ) : null}
    </div>
  );
}
