import {
  type CreatePolicyInput,
  type PoolEntitlementInput,
  RogueLoginAction,
  UserPowerAction,
} from "@/generated/graphql";
import { enumOptions, enumValue, enumValuesOf } from "@/lib/enums";
import { rowField, rowIds } from "@/lib/form-rows";

export const entitlementField = (id: number, key: string) => rowField("ent", id, key);

export const USER_POWER_ACTIONS = enumOptions<UserPowerAction>({ START: "Start", STOP: "Stop", REBOOT: "Reboot" });

/** The policy form as CreatePolicyInput; only what the browser can know is checked here, the rest by the API. */
export function policyInputOf(formData: FormData): { input: CreatePolicyInput; errors: Record<string, string> } {
  const one = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const errors: Record<string, string> = {};
  if (!one("name")) errors.name = "Name is required.";
  const maxDesktops = one("maxDesktops") === "" ? null : Number(one("maxDesktops"));
  if (maxDesktops !== null && (!Number.isInteger(maxDesktops) || maxDesktops < 1)) {
    errors.maxDesktops = "Enter a whole number, 1 or more, or leave it empty.";
  }
  const entitlements: PoolEntitlementInput[] = rowIds("ent", "poolId", formData.keys()).map((id) => {
    const field = (key: string) => entitlementField(id, key);
    const offerCount = Number(one(field("offerCount")) || "1");
    if (!one(field("poolId"))) errors[field("poolId")] = "Pick a pool.";
    if (!Number.isInteger(offerCount) || offerCount < 1) errors[field("offerCount")] = "At least 1.";
    return {
      poolId: one(field("poolId")),
      offerCount,
      persistent: formData.get(field("persistent")) === "on",
      protocolPlanId: one(field("protocolPlanId")) || null,
      powerPlanId: one(field("powerPlanId")) || null,
      releasePlanId: one(field("releasePlanId")) || null,
      userPowerActions: enumValuesOf(UserPowerAction, formData.getAll(field("userPowerActions"))),
    };
  });
  return {
    input: {
      name: one("name"),
      description: one("description") || null,
      maxDesktops,
      rogueAction: enumValue(RogueLoginAction, one("rogueAction")) ?? RogueLoginAction.LOG,
      entitlements,
    },
    errors,
  };
}
