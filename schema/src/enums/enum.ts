/**
 * Every closed set of the product is a frozen object from an UPPER_SNAKE name to the value stored in the database
 * (and used by the code), plus a type of the same name for the union of its values. The API registers each object
 * once as a GraphQL enum: clients see the names, rows keep the values, so no migration follows from the contract.
 * A const object rather than a TypeScript `enum` keeps literal values such as "running" assignable to the type, so
 * rows read from the database, zod output and existing code need no casts.
 */
export type EnumObject = Readonly<Record<string, string>>;

/** The union of an enum object's stored values. */
export type EnumValue<E extends EnumObject> = E[keyof E];

/** The stored values of an enum object as a non-empty tuple (what `z.enum` and `@IsIn` take). */
export function enumValues<E extends EnumObject>(values: E): [EnumValue<E>, ...EnumValue<E>[]] {
  return Object.values(values) as [EnumValue<E>, ...EnumValue<E>[]];
}

/** True when `value` is one of the enum's stored values. */
export function isEnumValue<E extends EnumObject>(values: E, value: unknown): value is EnumValue<E> {
  return typeof value === "string" && (Object.values(values) as string[]).includes(value);
}
