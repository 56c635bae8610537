import type { Desktop, DesktopAvailability } from "@atrium/schema";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";

/*
 * Out of service is a flag beside the availability the controller keeps, so taking a desktop out of service (to
 * investigate it, say) loses nothing the controller knows. But an out-of-service desktop is not free capacity: it is
 * never offered, so wherever desktops are counted or listed as available it counts as unavailable instead. An
 * assigned one stays assigned (its user still holds it), a provisioning one provisioning.
 */

export function effectiveAvailability(desktop: Pick<Desktop, "availability" | "outOfService">): DesktopAvailability {
  return desktop.outOfService && desktop.availability === "available" ? "unavailable" : desktop.availability;
}

/** The SQL twin of effectiveAvailability, as a filter on `alias`. */
export function whereAvailability<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  availability: DesktopAvailability,
): SelectQueryBuilder<T> {
  const free = `${alias}.availability = 'available'`;
  if (availability === "available") {
    return query.andWhere(`${free} AND ${alias}.outOfService = :inService`, { inService: false });
  }
  if (availability === "unavailable") {
    return query.andWhere(
      `(${alias}.availability = 'unavailable' OR (${free} AND ${alias}.outOfService = :outOfService))`,
      { outOfService: true },
    );
  }
  return query.andWhere(`${alias}.availability = :availability`, { availability });
}
