import { AsyncLocalStorage } from "node:async_hooks";

/** Carries the request id through everything a request does, so logs and masked errors can quote it. */
export const requestStore = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestStore.getStore()?.requestId;
}
