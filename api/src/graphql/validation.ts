import { ValidateBy, ValidateIf } from "class-validator";
import type { z } from "zod";

/** For update inputs: the field may be left out, but an explicit null is validated (and rejected) like any value. */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Only the fields the client actually sent, so a partial update never blanks the others. */
export function providedFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Validates a field of a GraphQL input with the zod schema its stored form is checked with, so the rule is written
 * once. Left out (or null) passes: whether a field is required is the GraphQL type's business, and the whole
 * configuration is parsed again before it is stored.
 */
export function ZodField(schema: z.ZodType): PropertyDecorator {
  const issue = (value: unknown) => schema.safeParse(value).error?.issues[0];
  return ValidateBy({
    name: "zodField",
    validator: {
      validate: (value) => value === undefined || value === null || schema.safeParse(value).success,
      defaultMessage: (args) => {
        const found = issue(args?.value);
        const path = found?.path.length ? `.${found.path.join(".")}` : "";
        return `${args?.property}${path} ${found?.message ?? "is invalid"}`;
      },
    },
  });
}
