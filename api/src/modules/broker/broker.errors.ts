import { AppError } from "../../errors/app-error.js";

export const noDesktopAvailable = (poolName: string) =>
  new AppError("CONFLICT", `No desktop is available in pool "${poolName}" right now`, {
    reason: "NO_DESKTOP_AVAILABLE",
  });

export const desktopTaken = () =>
  new AppError("CONFLICT", "That desktop was just given to someone else; pick another one", {
    reason: "DESKTOP_TAKEN",
  });

export const accessDenied = (detail: string) =>
  new AppError("FORBIDDEN", `Access denied: ${detail}`, { reason: "ACCESS_DENIED" });

export const notEntitled = () =>
  new AppError("FORBIDDEN", "Your policy does not offer this desktop", { reason: "NOT_ENTITLED" });

export const limitReached = (max: number) =>
  new AppError("CONFLICT", `You already hold ${max} desktop(s), the most your policy allows`, {
    reason: "DESKTOP_LIMIT_REACHED",
  });

export const noUsableProtocol = () =>
  new AppError("FORBIDDEN", "No display protocol of this desktop is allowed from where you are", {
    reason: "NO_USABLE_PROTOCOL",
  });

export const powerActionNotAllowed = (action: string) =>
  new AppError("FORBIDDEN", `Your policy does not allow "${action}" on this desktop`, {
    reason: "POWER_ACTION_NOT_ALLOWED",
  });
