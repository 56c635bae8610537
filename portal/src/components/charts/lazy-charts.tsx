"use client";

import dynamic from "next/dynamic";

function ChartPlaceholder() {
  return <div className="chart-box muted" aria-hidden="true" />;
}

// chart.js is loaded only when a chart is on screen, keeping it out of the dashboard's first-load JavaScript.
export const LazyStateChart = dynamic(() => import("./dashboard-charts").then((module) => module.StateChart), {
  ssr: false,
  loading: ChartPlaceholder,
});

export const LazyPoolChart = dynamic(() => import("./dashboard-charts").then((module) => module.PoolChart), {
  ssr: false,
  loading: ChartPlaceholder,
});

export const LazyTrendChart = dynamic(() => import("./trend-charts").then((module) => module.TrendChart), {
  ssr: false,
  loading: ChartPlaceholder,
});
