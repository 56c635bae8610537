/**
 * Helpers over the generated GraphQL enums (`@/generated/graphql`, const objects whose keys and values are the
 * enum's names). Forms post plain strings; these narrow them to the enum so the typed input goes to the API, and
 * build select options whose labels the compiler checks cover every name.
 */
type EnumObject = Readonly<Record<string, string>>;

/** The value when it is one of the enum's names, otherwise undefined (a tampered or stale form). */
export function enumValue<E extends EnumObject>(values: E, raw: unknown): E[keyof E] | undefined {
  return typeof raw === "string" && (Object.values(values) as string[]).includes(raw) ? (raw as E[keyof E]) : undefined;
}

/** The values that are names of the enum, in the order given (e.g. `formData.getAll`); anything else is dropped. */
export function enumValuesOf<E extends EnumObject>(values: E, raws: readonly unknown[]): E[keyof E][] {
  return raws.flatMap((raw) => enumValue(values, raw) ?? []);
}

export interface EnumOption<V extends string> {
  value: V;
  label: string;
}

/** Select or checkbox options in the labels' order; `Record<V, string>` makes a missing name a type error. */
export function enumOptions<V extends string>(labels: Record<V, string>): EnumOption<V>[] {
  return (Object.entries(labels) as [V, string][]).map(([value, label]) => ({ value, label }));
}

/** The option's typed value for a submitted or selected string; client components use it with type-only enums. */
export function optionValue<V extends string>(options: readonly EnumOption<V>[], raw: unknown): V | undefined {
  return options.find((option) => option.value === raw)?.value;
}

/** The label of an option, or the value itself for a value the options do not list. */
export function optionLabel(options: readonly { value: string; label: string }[], value: string): string {
  return options.find((option) => option.value === value)?.label ?? value;
}
