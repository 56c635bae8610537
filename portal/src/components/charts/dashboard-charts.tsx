"use client";

import { ArcElement, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar, Doughnut } from "react-chartjs-2";

// Only the pieces these two charts use, so the lazily loaded chunk stays small.
Chart.register(ArcElement, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const STATE_COLORS: Record<string, string> = {
  Available: "#16a34a",
  Assigned: "#4f46e5",
  Provisioning: "#0ea5e9",
  Unavailable: "#dc2626",
  Deleting: "#f59e0b",
};

export interface DashboardChartsProps {
  states: { label: string; value: number }[];
  pools: { name: string; assigned: number; available: number; other: number }[];
}

export function StateChart({ states }: Pick<DashboardChartsProps, "states">) {
  return (
    <Doughnut
      aria-label="Desktops by state"
      role="img"
      data={{
        labels: states.map((state) => state.label),
        datasets: [
          {
            data: states.map((state) => state.value),
            backgroundColor: states.map((state) => STATE_COLORS[state.label] ?? "#94a3b8"),
            borderWidth: 0,
          },
        ],
      }}
      options={{
        animation: false,
        maintainAspectRatio: false,
        cutout: "62%",
        plugins: { legend: { position: "right" } },
      }}
    />
  );
}

export function PoolChart({ pools }: Pick<DashboardChartsProps, "pools">) {
  return (
    <Bar
      aria-label="Pool utilisation"
      role="img"
      data={{
        labels: pools.map((pool) => pool.name),
        datasets: [
          { label: "In use", data: pools.map((pool) => pool.assigned), backgroundColor: "#4f46e5" },
          { label: "Available", data: pools.map((pool) => pool.available), backgroundColor: "#16a34a" },
          { label: "Not ready", data: pools.map((pool) => pool.other), backgroundColor: "#cbd5e1" },
        ],
      }}
      options={{
        animation: false,
        maintainAspectRatio: false,
        indexAxis: "y",
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } },
      }}
    />
  );
}
