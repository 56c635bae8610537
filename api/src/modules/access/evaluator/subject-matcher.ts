import type { SubjectCondition } from "./assignment-rule.types.js";

/** The authenticated user as the identity provider described them at sign-in. */
export interface AccessSubject {
  readonly groups: readonly string[];
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
}

export interface SubjectMatch {
  readonly matched: boolean;
  readonly why: string;
}

function fold(text: string, ignoreCase: boolean): string {
  // NFC first: the same name may arrive composed from one IdP and decomposed from another.
  const normalized = text.normalize("NFC");
  return ignoreCase ? normalized.toLowerCase() : normalized;
}

/**
 * Glob match over the whole text: `*` matches any run (also empty), `?` exactly one character; everything
 * else is literal. Iterative with a single backtrack point, so it cannot blow up the way a regex can.
 */
export function globMatch(pattern: string, text: string): boolean {
  const p = Array.from(pattern);
  const t = Array.from(text);
  let pi = 0;
  let ti = 0;
  let starPi = -1;
  let starTi = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === "?" || (p[pi] !== "*" && p[pi] === t[ti]))) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === "*") {
      starPi = pi++;
      starTi = ti;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      ti = ++starTi;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") {
    pi++;
  }
  return pi === p.length;
}

/** All values of an attribute; attribute names compare case-insensitively, as in LDAP. */
function attributeValues(attributes: AccessSubject["attributes"], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (key.toLowerCase() !== wanted) {
      continue;
    }
    for (const item of typeof value === "string" ? [value] : Array.isArray(value) ? value : []) {
      // Identity-provider data is external: ignore anything that is not a string rather than coerce it.
      if (typeof item === "string") {
        values.push(item);
      }
    }
  }
  return values;
}

/** Evaluates the subject part of a rule. Deterministic: never "unknown". */
export function matchSubject(condition: SubjectCondition, subject: AccessSubject): SubjectMatch {
  switch (condition.type) {
    case "any":
      return { matched: true, why: "applies to every user" };
    case "group": {
      const wanted = fold(condition.group, true);
      const matched = subject.groups.some((group) => typeof group === "string" && fold(group.trim(), true) === wanted);
      return {
        matched,
        why: matched ? `member of group '${condition.group}'` : `not a member of group '${condition.group}'`,
      };
    }
    case "attribute": {
      const values = attributeValues(subject.attributes, condition.attribute);
      const wanted = fold(condition.value, condition.ignoreCase);
      const test =
        condition.operator === "equals"
          ? (value: string) => fold(value, condition.ignoreCase) === wanted
          : (value: string) => globMatch(wanted, fold(value, condition.ignoreCase));
      const matched = values.some(test);
      const verb = condition.operator === "equals" ? "equals" : "matches";
      if (values.length === 0) {
        return { matched: false, why: `attribute '${condition.attribute}' is absent` };
      }
      return {
        matched,
        why: `attribute '${condition.attribute}' ${matched ? "" : "never "}${verb} '${condition.value}'`,
      };
    }
  }
}
