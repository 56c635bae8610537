import { Desktop } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, errorCodes } from "../fixtures/test-app.js";
import { allReady } from "./provisioning.harness.js";
import {
  DESKTOP_FIELDS,
  type GraphqlProvisioningRig,
  startGraphqlProvisioningRig,
} from "./provisioning-graphql.harness.js";

// Desktop actions through the real HTTP GraphQL endpoint: the API records what was asked (and audits it), the pool
// controller carries it out against the simulator on its next pass.
let rig: GraphqlProvisioningRig;
let desktops: Desktop[];
let poolId: string;

beforeAll(async () => {
  rig = await startGraphqlProvisioningRig();
  const pool = await rig.createPool({ name: "ops", minAvailable: 3 });
  poolId = pool.id;
  await rig.converge(rig.controller(), pool.id, allReady(rig, pool.id, 3));
  desktops = await rig.desktops(pool.id);
});

afterAll(async () => {
  await rig?.close();
});

type DesktopView = Record<string, unknown>;
const ACTION = `mutation($id: ID!, $action: DesktopAction!, $force: Boolean) {
  desktopAction(id: $id, action: $action, force: $force) { ${DESKTOP_FIELDS} } }`;
const OUT_OF_SERVICE = `mutation($id: ID!, $outOfService: Boolean!) {
  setDesktopOutOfService(id: $id, outOfService: $outOfService) { ${DESKTOP_FIELDS} } }`;

const act = (id: string, action: string, token: string, force = false) =>
  rig.app.gql<{ desktopAction: DesktopView }>(ACTION, { id, action, force }, token);
const repo = () => rig.app.database.dataSource.getRepository(Desktop);

describe("desktop actions", () => {
  it("helpdesk reboots a desktop: recorded, audited, then carried out by the controller", async () => {
    const target = desktops[0]!;
    const result = await act(target.id, "REBOOT", rig.helpdeskToken);
    expect(dataOf(result).desktopAction).toMatchObject({ id: target.id, pendingAction: "REBOOT" });
    const [audit] = await rig.audit("desktopAction:REBOOT", target.id);
    expect(audit).toMatchObject({ tenantId: rig.tenant.id, actorName: "helpdesk", targetType: "Desktop" });
    expect(audit!.before).toMatchObject({ pendingAction: null });
    expect(audit!.after).toMatchObject({ pendingAction: "reboot", force: false });
    rig.sim.control.resetCounters();
    await rig.controller().runPool(poolId);
    rig.sim.control.settle();
    expect(rig.sim.control.counters().events["compute action reboot"]).toBe(1);
    expect((await rig.desktop(target.id))?.pendingAction).toBeNull();
  });

  it("power actions set the desired state and the controller drives the server there", async () => {
    const target = desktops[1]!;
    const stopped = await act(target.id, "STOP", rig.helpdeskToken);
    expect(dataOf(stopped).desktopAction).toMatchObject({ desiredPowerState: "STOPPED" });
    await rig.converge(
      rig.controller(),
      poolId,
      async () => (await rig.desktop(target.id))?.observedPowerState === "stopped",
    );
    expect(rig.sim.state.server(target.serverId!)?.status).toBe("SHUTOFF");
    await act(target.id, "START", rig.adminToken);
    await rig.converge(
      rig.controller(),
      poolId,
      async () => (await rig.desktop(target.id))?.observedPowerState === "running",
    );
    const actions = (await rig.audit("desktopAction:STOP", target.id)).concat(
      await rig.audit("desktopAction:START", target.id),
    );
    expect(actions.map((a) => a.actorName)).toEqual(["helpdesk", "admin"]);
  });

  it("takes a desktop out of service and back, auditing only real changes", async () => {
    const target = desktops[2]!;
    const out = await rig.app.gql<{ setDesktopOutOfService: DesktopView }>(
      OUT_OF_SERVICE,
      { id: target.id, outOfService: true },
      rig.helpdeskToken,
    );
    expect(dataOf(out).setDesktopOutOfService).toMatchObject({ outOfService: true });
    await rig.app.gql(OUT_OF_SERVICE, { id: target.id, outOfService: true }, rig.helpdeskToken);
    const [audit, ...more] = await rig.audit("setDesktopOutOfService", target.id);
    expect(more).toHaveLength(0);
    expect(audit!.before).toMatchObject({ outOfService: false });
    expect(audit!.after).toMatchObject({ outOfService: true });
    await rig.app.gql(OUT_OF_SERVICE, { id: target.id, outOfService: false }, rig.adminToken);
    expect((await rig.desktop(target.id))?.outOfService).toBe(false);
    expect(await rig.audit("setDesktopOutOfService", target.id)).toHaveLength(2);
  });

  // Issue 17: a fleet is filtered on the server (power state, out of service), so paging and export see the same set.
  it("filters the desktops by power state and by out of service, on the server", async () => {
    const [stopped, outOfService] = [desktops[0]!, desktops[1]!];
    await repo().update({ id: stopped.id }, { observedPowerState: "stopped" });
    await repo().update({ id: outOfService.id }, { outOfService: true });
    const names = async (filter: Record<string, unknown>) => {
      const result = await rig.app.gql<{ desktops: { totalCount: number; nodes: { id: string }[] } }>(
        `query($filter: DesktopFilter) { desktops(first: 50, filter: $filter) { totalCount nodes { id } } }`,
        { filter: { poolId, ...filter } },
        rig.helpdeskToken,
      );
      const { totalCount, nodes } = dataOf(result).desktops;
      expect(nodes).toHaveLength(totalCount);
      return nodes.map((desktop) => desktop.id).sort();
    };
    try {
      expect(await names({ powerState: "STOPPED" })).toEqual([stopped.id]);
      expect(await names({ powerState: "RUNNING" })).toEqual([desktops[1]!.id, desktops[2]!.id].sort());
      expect(await names({ outOfService: true })).toEqual([outOfService.id]);
      expect(await names({ outOfService: false, powerState: "RUNNING" })).toEqual([desktops[2]!.id]);
      const wrong = await rig.app.gql(
        `query { desktops(filter: { powerState: SIDEWAYS }) { totalCount } }`,
        {},
        rig.helpdeskToken,
      );
      expect(errorCodes(wrong)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    } finally {
      await repo().update({ id: stopped.id }, { observedPowerState: "running" });
      await repo().update({ id: outOfService.id }, { outOfService: false });
    }
  });

  it("refuses destroying an assigned desktop unless a tenant admin forces it", async () => {
    const target = desktops[2]!;
    await repo().update({ id: target.id }, { availability: "assigned", assignedUserId: rig.tenant.id });
    const stored = await rig.desktop(target.id);
    expect(errorCodes(await act(target.id, "REBUILD", rig.adminToken))).toEqual(["CONFLICT"]);
    expect(errorCodes(await act(target.id, "TERMINATE", rig.helpdeskToken, true))).toEqual(["FORBIDDEN"]);
    expect(await rig.desktop(target.id)).toEqual(stored);
    expect(await rig.audit("desktopAction:TERMINATE", target.id)).toHaveLength(0);
    const forced = await act(target.id, "REBUILD", rig.adminToken, true);
    expect(dataOf(forced).desktopAction).toMatchObject({ pendingAction: "REBUILD" });
    expect((await rig.audit("desktopAction:REBUILD", target.id))[0]!.after).toMatchObject({ force: true });
    await repo().update({ id: target.id }, { pendingAction: null, availability: "available", assignedUserId: null });
  });

  it("keeps rebuild and terminate for tenant admins: the helpdesk is refused even on a free desktop", async () => {
    const target = desktops[1]!;
    const stored = await rig.desktop(target.id);
    expect(errorCodes(await act(target.id, "REBUILD", rig.helpdeskToken))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await act(target.id, "TERMINATE", rig.helpdeskToken))).toEqual(["FORBIDDEN"]);
    expect(await rig.desktop(target.id)).toEqual(stored);
    expect(await rig.audit("desktopAction:REBUILD", target.id)).toHaveLength(0);
  });

  it("refuses desktop actions to end users and rejects an unknown action, changing nothing", async () => {
    const target = desktops[0]!;
    const stored = await rig.desktop(target.id);
    expect(errorCodes(await act(target.id, "STOP", rig.userToken))).toEqual(["FORBIDDEN"]);
    const outOfService = await rig.app.gql(OUT_OF_SERVICE, { id: target.id, outOfService: true }, rig.userToken);
    expect(errorCodes(outOfService)).toEqual(["FORBIDDEN"]);
    const unknown = await act(target.id, "EXPLODE", rig.adminToken);
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
    const badId = await act("not-a-uuid", "STOP", rig.adminToken);
    expect(errorCodes(badId)).toEqual(["NOT_FOUND"]);
    expect(await rig.desktop(target.id)).toEqual(stored);
  });

  it("answers NOT_FOUND to another tenant using acme's desktop ids, and the desktop is unchanged", async () => {
    const token = rig.globex.adminToken;
    for (const target of desktops) {
      const stored = await rig.desktop(target.id);
      const attempts = await Promise.all([
        rig.app.gql(`query($id: ID!) { desktop(id: $id) { id } }`, { id: target.id }, token),
        act(target.id, "TERMINATE", token, true),
        act(target.id, "STOP", rig.globex.helpdeskToken),
        rig.app.gql(OUT_OF_SERVICE, { id: target.id, outOfService: true }, token),
      ]);
      for (const result of attempts) expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
      expect(await rig.desktop(target.id)).toEqual(stored);
    }
    const listed = await rig.app.gql<{ desktops: { edges: unknown[] } }>(
      `query($poolId: ID!) { desktops(filter: { poolId: $poolId }) { edges { node { id } } } }`,
      { poolId },
      token,
    );
    expect(dataOf(listed).desktops.edges).toHaveLength(0);
  });
});
