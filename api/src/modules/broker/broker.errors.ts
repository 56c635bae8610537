import { AppError } from "../../errors/app-error.js";

/**
 * Outcomes a client programs against, carried as `extensions.reason` next to the generic `extensions.code`, so a
 * portal can say "no desktop is free right now" rather than "conflict".
 */
export const BROKER_REASONS = {
  noDesktopAvailable: "NO_DESKTOP_AVAILABLE",
  desktopTaken: "DESKTOP_TAKEN",
  accessDenied: "ACCESS_DENIED",
  notEntitled: "NOT_ENTITLED",
  limitReached: "DESKTOP_LIMIT_REACHED",
  noUsableProtocol: "NO_USABLE_PROTOCOL",
  powerActionNotAllowed: "POWER_ACTION_NOT_ALLOWED",
  releaseNotAllowed: "RELEASE_NOT_ALLOWED",
} as const;

export const noDesktopAvailable = (poolName: string) =>
  new AppError("CONFLICT", `No desktop is available in pool "${poolName}" right now`, {
    reason: BROKER_REASONS.noDesktopAvailable,
  });

export const desktopTaken = () =>
  new AppError("CONFLICT", "That desktop was just given to someone else; pick another one", {
    reason: BROKER_REASONS.desktopTaken,
  });

export const accessDenied = (detail: string) =>
  new AppError("FORBIDDEN", `Access denied: ${detail}`, { reason: BROKER_REASONS.accessDenied });

export const notEntitled = () =>
  new AppError("FORBIDDEN", "Your policy does not offer this desktop", { reason: BROKER_REASONS.notEntitled });

export const limitReached = (max: number) =>
  new AppError("CONFLICT", `You already hold ${max} desktop(s), the most your policy allows`, {
    reason: BROKER_REASONS.limitReached,
  });

export const noUsableProtocol = () =>
  new AppError("FORBIDDEN", "No display protocol of this desktop is allowed from where you are", {
    reason: BROKER_REASONS.noUsableProtocol,
  });

export const powerActionNotAllowed = (action: string) =>
  new AppError("FORBIDDEN", `Your policy does not allow "${action}" on this desktop`, {
    reason: BROKER_REASONS.powerActionNotAllowed,
  });
