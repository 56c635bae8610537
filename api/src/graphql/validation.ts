import { ValidateIf } from "class-validator";

/** For update inputs: the field may be left out, but an explicit null is validated (and rejected) like any value. */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Only the fields the client actually sent, so a partial update never blanks the others. */
export function providedFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
