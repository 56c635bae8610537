import type { Ctx } from "../../context/ctx.js";
import { whereAvailability } from "../../db/desktop-availability.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import type { DesktopFilter } from "./desktops.types.js";

const desktops = (ctx: Ctx) => ctx.db.desktops;

export function listDesktops(ctx: Ctx, page: PageArgs, filter: DesktopFilter | undefined) {
  const query = desktops(ctx).query("desktop");
  if (filter?.poolId) query.andWhere("desktop.poolId = :poolId", { poolId: filter.poolId });
  if (filter?.availability) whereAvailability(query, "desktop", filter.availability);
  if (filter?.powerState) query.andWhere("desktop.observedPowerState = :powerState", { powerState: filter.powerState });
  if (typeof filter?.outOfService === "boolean")
    query.andWhere("desktop.outOfService = :outOfService", { outOfService: filter.outOfService });
  if (filter?.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.andWhere("LOWER(desktop.name) LIKE :pattern", { pattern });
  }
  return paginate(query, page, [{ property: "name", direction: "ASC" }]);
}

export function getDesktop(ctx: Ctx, id: string) {
  return desktops(ctx).getById(id);
}
