/** Every method of a TypeORM query builder that sends its statement. */
const SENDERS = [
  "execute",
  "getCount",
  "getExists",
  "getMany",
  "getManyAndCount",
  "getOne",
  "getOneOrFail",
  "getRawAndEntities",
  "getRawMany",
  "getRawOne",
  "stream",
] as const;

/**
 * Makes a door's query builder apply the door's tenant setting before it sends anything: the builder is handed
 * out and run later, possibly after another door's statement changed the setting of the same transaction.
 */
export function settingFirst<B extends object>(builder: B, useSetting: () => Promise<void>): B {
  const target = builder as unknown as Record<string, unknown>;
  for (const name of SENDERS) {
    const send = target[name];
    if (typeof send !== "function") continue;
    Object.defineProperty(target, name, {
      async value(...args: unknown[]) {
        await useSetting();
        return send.apply(builder, args);
      },
    });
  }
  return builder;
}
