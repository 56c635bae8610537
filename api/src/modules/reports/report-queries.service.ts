import { poolHeadroom } from "@atrium/reports";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Ctx } from "../../context/ctx.js";
import { badInput } from "../../errors/app-error.js";
import type { Page } from "../../graphql/connection.js";
import {
  ASSIGNMENT_KEYSET,
  type AssignmentHistoryRaw,
  assignmentHistoryQuery,
  toAssignmentHistoryRow,
} from "./assignment-history.loader.js";
import { loadBrokerMetrics } from "./broker-metrics.loader.js";
import { decodeKeyset, encodeKeyset, keysetPage } from "./keyset-pages.js";
import { LOGIN_KEYSET, type LoginHistoryRaw, loginHistoryQuery, toLoginHistoryRow } from "./login-history.loader.js";
import { type ReportPeriodRange, reportDbOf } from "./report-scope.js";
import type {
  AssignmentHistoryEntryType,
  BrokerMetricsType,
  LoginHistoryEntryType,
  ReportPageArgs,
} from "./reports.types.js";

const MAX_RANGE_MS = 400 * 86_400_000;

export function checkedRange(range: ReportPeriodRange): ReportPeriodRange {
  if (!(range.from.getTime() < range.to.getTime())) throw badInput("from must be before to", "filter.to");
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_MS) {
    throw badInput("A report period is at most 400 days", "filter.to");
  }
  return range;
}

async function page<Raw extends { id: string }, Node>(
  query: SelectQueryBuilder<ObjectLiteral>,
  columns: { time: string; id: string },
  args: ReportPageArgs,
  timeOf: (raw: Raw) => Date,
  toNode: (raw: Raw) => Node,
): Promise<Page<Node>> {
  const totalCount = await query.clone().getCount();
  const rows = await keysetPage<Raw>(query, columns, args.after ? decodeKeyset(args.after) : null, args.first + 1);
  const edges = rows.slice(0, args.first).map((raw) => ({
    node: toNode(raw),
    cursor: encodeKeyset({ at: timeOf(raw), id: raw.id }),
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    totalCount,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export function loginHistoryPage(ctx: Ctx, args: ReportPageArgs): Promise<Page<LoginHistoryEntryType>> {
  const query = loginHistoryQuery(reportDbOf(ctx), checkedRange(args.filter));
  return page<LoginHistoryRaw, LoginHistoryEntryType>(
    query,
    LOGIN_KEYSET,
    args,
    (raw) => new Date(raw.time),
    (raw) => ({ id: raw.id, ...toLoginHistoryRow(raw) }),
  );
}

export function assignmentHistoryPage(ctx: Ctx, args: ReportPageArgs): Promise<Page<AssignmentHistoryEntryType>> {
  const query = assignmentHistoryQuery(reportDbOf(ctx), checkedRange(args.filter));
  return page<AssignmentHistoryRaw, AssignmentHistoryEntryType>(
    query,
    ASSIGNMENT_KEYSET,
    args,
    (raw) => new Date(raw.assignedAt),
    (raw) => ({ id: raw.id, ...toAssignmentHistoryRow(raw) }),
  );
}

export async function brokerMetrics(ctx: Ctx, range: ReportPeriodRange): Promise<BrokerMetricsType> {
  const data = await loadBrokerMetrics(reportDbOf(ctx), checkedRange(range));
  return {
    hourly: [...data.hourly],
    pools: (data.rows as BrokerMetricsType["pools"]).map((row) => ({ ...row, headroom: poolHeadroom(row) })),
    capacity: [...data.capacity],
  };
}
