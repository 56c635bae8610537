import { z } from "zod";
import { pageLinksSchema } from "./nova.schemas.js";

export const networkSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.string().optional(),
    shared: z.boolean().optional(),
    "router:external": z.boolean().optional(),
    admin_state_up: z.boolean().optional(),
    subnets: z.array(z.string()).default([]),
    project_id: z.string().optional(),
    tenant_id: z.string().optional(),
    mtu: z.number().optional(),
  })
  .transform((raw) => ({
    id: raw.id,
    name: raw.name,
    status: raw.status,
    shared: raw.shared ?? false,
    external: raw["router:external"] ?? false,
    adminStateUp: raw.admin_state_up ?? true,
    subnetIds: raw.subnets,
    projectId: raw.project_id ?? raw.tenant_id,
    mtu: raw.mtu,
  }));

const securityGroupRuleSchema = z.object({
  id: z.string(),
  direction: z.string(),
  ethertype: z.string().optional(),
  protocol: z.string().nullish(),
  port_range_min: z.number().nullish(),
  port_range_max: z.number().nullish(),
  remote_ip_prefix: z.string().nullish(),
});

export const securityGroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullish(),
    project_id: z.string().optional(),
    tenant_id: z.string().optional(),
    security_group_rules: z.array(securityGroupRuleSchema).default([]),
  })
  .transform((raw) => ({
    id: raw.id,
    name: raw.name,
    description: raw.description ?? "",
    projectId: raw.project_id ?? raw.tenant_id,
    rules: raw.security_group_rules.map((rule) => ({
      id: rule.id,
      direction: rule.direction,
      ethertype: rule.ethertype,
      protocol: rule.protocol ?? null,
      portMin: rule.port_range_min ?? null,
      portMax: rule.port_range_max ?? null,
      remoteIpPrefix: rule.remote_ip_prefix ?? null,
    })),
  }));

export const networkPageSchema = z.object({ networks: z.array(networkSchema), networks_links: pageLinksSchema });
export const securityGroupPageSchema = z.object({
  security_groups: z.array(securityGroupSchema),
  security_groups_links: pageLinksSchema,
});

export type VhiNetwork = z.output<typeof networkSchema>;
export type VhiSecurityGroup = z.output<typeof securityGroupSchema>;
