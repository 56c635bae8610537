"use client";

import {
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { Bar } from "react-chartjs-2";

// Bars and lines only: the MSP's trends (activity over 30 days, usage per day of a month against the month before).
// The line series ride on a bar chart, so the line's controller is registered here (Bar brings only its own).
Chart.register(BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const COLORS = ["#4f46e5", "#16a34a", "#94a3b8", "#f59e0b"];

export interface TrendSeries {
  label: string;
  values: number[];
  /** Drawn as a line over the bars (e.g. last month for comparison). */
  line?: boolean;
}

export interface TrendChartProps {
  /** What the chart shows, for screen readers. */
  title: string;
  labels: string[];
  series: TrendSeries[];
}

export function TrendChart({ title, labels, series }: TrendChartProps) {
  return (
    <Bar
      aria-label={title}
      role="img"
      data={{
        labels,
        datasets: series.map((entry, index) => ({
          label: entry.label,
          data: entry.values,
          backgroundColor: COLORS[index % COLORS.length],
          borderColor: COLORS[index % COLORS.length],
          ...(entry.line ? { type: "line" as never, pointRadius: 2, borderWidth: 2 } : {}),
        })),
      }}
      options={{
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      }}
    />
  );
}
