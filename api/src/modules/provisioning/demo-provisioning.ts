import { Cloud, Tenant } from "@atrium/schema";
import { DEFAULT_SEED_IDS, startVhiSimulator, type VhiSimulator } from "@atrium/simulator";
import type { AppServices } from "../../context/app-services.js";
import { acrossTenants } from "../../db/index.js";
import { withCloud } from "../clouds/tenant-clouds.js";
import { createProvisioningWorker } from "./provisioning-worker.js";

export const DEMO_CLOUD_NAME = "Demo VHI (simulator)";

const DEMO_NETWORKS: Record<string, string> = {
  acme: DEFAULT_SEED_IDS.networks.acme,
  globex: DEFAULT_SEED_IDS.networks.globex,
};

export interface DemoProvisioning {
  simulator: VhiSimulator;
  /** The cloud record of the simulator: its desktops are the demo desktops. */
  cloudId: string;
  stop(): Promise<void>;
}

/**
 * `npm start`'s cloud: the VHI simulator in-process (builds slowed to seconds so the portal shows progress), a
 * cloud record pointing at it (its port changes every start, so the URL is refreshed), one small pool per demo
 * tenant on first run, and the pool controller reconciling them.
 */
export async function startDemoProvisioning(
  services: AppServices,
  tenantSlugs: readonly string[],
): Promise<DemoProvisioning> {
  const simulator = await startVhiSimulator({
    clock: { mode: "real" },
    timings: { build: 8_000, buildFailure: 4_000 },
  });
  const clouds = services.dataSource.getRepository(Cloud);
  let cloud = await clouds.findOneBy({ name: DEMO_CLOUD_NAME });
  const settings = {
    authUrl: simulator.url,
    region: "RegionOne",
    domainName: "Default",
    projectName: "admin",
    username: DEFAULT_SEED_IDS.serviceUser.name,
    passwordEnc: services.secretBox.seal(DEFAULT_SEED_IDS.serviceUser.password),
    status: "ok" as const,
    statusMessage: "In-process simulator started with the API",
  };
  cloud = await clouds.save(
    cloud ? clouds.merge(cloud, settings) : clouds.create({ name: DEMO_CLOUD_NAME, ...settings }),
  );
  for (const slug of tenantSlugs) {
    const tenant = await services.dataSource.getRepository(Tenant).findOneBy({ slug });
    const network = DEMO_NETWORKS[slug];
    if (!tenant || !network) continue;
    // The demo tenants were mapped to this cloud's projects by the seed; record on which cloud, and grant it as
    // onboarding does.
    if (tenant.cloudId === null) {
      await services.dataSource
        .getRepository(Tenant)
        .save({ ...tenant, cloudId: cloud.id, cloudIds: withCloud(tenant.cloudIds, cloud.id) });
    }
    const pools = acrossTenants(
      services.dataSource.manager,
      "demo pools of the demo tenants",
      "demo-provisioning",
    ).forTenant(tenant.id).pools;
    if (await pools.count()) continue;
    await pools.insert({
      cloudId: cloud.id,
      name: "desktops",
      description: "Demo pool on the simulated VHI cluster",
      // A Linux image: HTML5 on it is VNC in the browser, which the demo desktop server draws (on a Windows pool it
      // would be RDP in the browser, which it does not speak).
      imageRef: DEFAULT_SEED_IDS.images.ubuntu,
      flavorRef: "vdi.standard",
      networkIds: [network],
      securityGroups: [],
      namePattern: "{TENANT}-{SEQ:3}",
      minTotal: 0,
      maxTotal: 5,
      minAvailable: 2,
      minRunning: 1,
      enforceLimits: false,
      status: "active",
      userDataKind: "cloud-init",
    });
  }
  const worker = createProvisioningWorker(services, { intervalMs: 2_000 });
  worker.start();
  return {
    simulator,
    cloudId: cloud.id,
    async stop() {
      await worker.stop();
      await simulator.close();
    },
  };
}
