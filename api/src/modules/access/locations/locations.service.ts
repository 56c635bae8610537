import type { Location as LocationEntity, LocationGatewayMode } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import { badInput, conflict } from "../../../errors/app-error.js";
import type { PageArgs } from "../../../graphql/connection.js";
import { paginate } from "../../../graphql/paginate.js";
import { providedFields } from "../../../graphql/validation.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { lockForEdit } from "../../../tenancy/edit-guard.js";
import { plainSnapshot } from "../access-audit.js";
import { visibleLocations } from "../decision/location-rows.js";
import { describeZodError, locationSchema } from "../evaluator/location.types.js";
import type { CreateLocationInput, UpdateLocationInput } from "./locations.types.js";

type LocationFields = Pick<
  LocationEntity,
  "name" | "description" | "cidrs" | "clientKinds" | "viaGateway" | "timeWindows"
>;

const locations = (ctx: Ctx) => ctx.db.requireTenant().locations;
/** MSP-wide defaults (tenant null), managed by MSP staff only; resolvers allow only them here. */
const mspLocations = (ctx: Ctx) => ctx.db.msp().locations;

/** The same schema the evaluator applies, so nothing is saved that would later fail closed unexpectedly. */
function validated(fields: LocationFields): LocationFields {
  const parsed = locationSchema.safeParse({
    id: "new",
    name: fields.name,
    cidrs: fields.cidrs,
    clientKinds: fields.clientKinds,
    viaGateway: fields.viaGateway === "yes" ? true : fields.viaGateway === "no" ? false : "any",
    timeWindows: fields.timeWindows,
  });
  if (!parsed.success) throw badInput(`Invalid location: ${describeZodError(parsed.error)}`);
  return {
    ...fields,
    name: parsed.data.name,
    timeWindows: fields.timeWindows.map((w) => ({ days: w.days, start: w.start, end: w.end, timeZone: w.timeZone })),
  };
}

function fieldsOf(input: CreateLocationInput): LocationFields {
  return {
    name: input.name,
    description: input.description ?? null,
    cidrs: input.cidrs,
    clientKinds: input.clientKinds,
    viaGateway: input.viaGateway as LocationGatewayMode,
    timeWindows: input.timeWindows,
  };
}

export function listLocations(ctx: Ctx, page: PageArgs) {
  return paginate(locations(ctx).query("loc"), page, [{ property: "name", direction: "ASC" }]);
}

export function getLocation(ctx: Ctx, id: string) {
  return locations(ctx).getById(id);
}

/** MSP defaults this tenant sees (the ones it does not shadow with a location of the same name). */
export async function inheritedLocations(ctx: Ctx): Promise<LocationEntity[]> {
  const { locations: visible } = await visibleLocations(ctx.db.requireTenant());
  return visible.filter((location) => location.tenantId === null);
}

export async function createLocation(ctx: Ctx, input: CreateLocationInput) {
  return withTransaction(ctx, async (tx) => {
    const scope = locations(tx);
    const fields = validated(fieldsOf(input));
    if (await scope.findOne({ name: fields.name })) throw conflict(`Location "${fields.name}" already exists`);
    const location = await scope.insert(fields);
    await recordAudit(tx, {
      action: "createLocation",
      targetType: "Location",
      targetId: location.id,
      after: plainSnapshot(location),
    });
    return location;
  });
}

export async function updateLocation(
  ctx: Ctx,
  id: string,
  input: UpdateLocationInput,
  expectedUpdatedAt?: Date | null,
) {
  return withTransaction(ctx, async (tx) => {
    const scope = locations(tx);
    const before = await lockForEdit(scope, id, expectedUpdatedAt, "Location");
    const patch = providedFields(input) as Partial<LocationFields>;
    const fields = validated({ ...before, ...patch } as LocationFields);
    if (patch.name && patch.name !== before.name && (await scope.findOne({ name: fields.name }))) {
      throw conflict(`Location "${fields.name}" already exists`);
    }
    const location = await scope.update(id, { ...patch, name: fields.name, timeWindows: fields.timeWindows });
    await recordAudit(tx, {
      action: "updateLocation",
      targetType: "Location",
      targetId: id,
      before: plainSnapshot(before),
      after: plainSnapshot(location),
    });
    return location;
  });
}

export async function deleteLocation(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    // Rules that still name it will deny (unknown location) until an admin edits them: fail closed.
    const location = await locations(tx).remove(id);
    await recordAudit(tx, {
      action: "deleteLocation",
      targetType: "Location",
      targetId: id,
      before: plainSnapshot(location),
    });
    return location;
  });
}

/** MSP-wide defaults: no tenant, managed by MSP staff only. */
export function listMspLocations(ctx: Ctx) {
  return mspLocations(ctx).find({ order: { name: "ASC" } });
}

export async function createMspLocation(ctx: Ctx, input: CreateLocationInput) {
  return withTransaction(ctx, async (tx) => {
    const repository = mspLocations(tx);
    const fields = validated(fieldsOf(input));
    if (await repository.findOne({ name: fields.name })) {
      throw conflict(`Location "${fields.name}" already exists`);
    }
    const location = await repository.insert(fields);
    await recordAudit(tx, {
      action: "createMspLocation",
      targetType: "Location",
      targetId: location.id,
      after: location,
      tenantId: null,
    });
    return location;
  });
}

export async function updateMspLocation(ctx: Ctx, id: string, input: UpdateLocationInput) {
  return withTransaction(ctx, async (tx) => {
    const before = await mspLocations(tx).getById(id);
    const patch = providedFields(input) as Partial<LocationFields>;
    const fields = validated({ ...before, ...patch } as LocationFields);
    const location = await mspLocations(tx).update(id, { ...patch, name: fields.name });
    await recordAudit(tx, {
      action: "updateMspLocation",
      targetType: "Location",
      targetId: id,
      before,
      after: location,
      tenantId: null,
    });
    return location;
  });
}

export async function deleteMspLocation(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const location = await mspLocations(tx).remove(id);
    await recordAudit(tx, {
      action: "deleteMspLocation",
      targetType: "Location",
      targetId: id,
      before: location,
      tenantId: null,
    });
    return location;
  });
}
