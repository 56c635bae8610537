import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from "chart.js";
import type { ChartSpec } from "../report.types.js";
import { resolveReportFonts } from "./pdf-fonts.js";

// Charts are rasterised by chart.js on @napi-rs/canvas (no DOM, no system Cairo) at 4× the size they occupy
// in the PDF, which keeps lines and labels crisp when printed. chart.js picks its DOM-less platform
// automatically when there is no `window`.

const SCALE = 4;
const CHART_FONT = "ReportChartSans";

let initialised = false;

function initialise(): void {
  if (initialised) return;
  Chart.register(
    BarController,
    LineController,
    BarElement,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Legend,
  );
  const fonts = resolveReportFonts();
  if (fonts) {
    GlobalFonts.registerFromPath(fonts.regular, CHART_FONT);
  }
  initialised = true;
}

export interface ChartStyle {
  readonly palette: readonly string[];
  readonly text: string;
  readonly grid: string;
}

/** True when the spec has nothing worth plotting (callers then print its empty-state text instead). */
export function isChartEmpty(spec: ChartSpec): boolean {
  return spec.labels.length === 0 || spec.series.every((series) => series.values.every((v) => v === null || v === 0));
}

function dataset(spec: ChartSpec, index: number, style: ChartStyle): ChartDataset<"bar" | "line", (number | null)[]> {
  const series = spec.series[index]!;
  const color = style.palette[(series.colorIndex ?? index) % style.palette.length]!;
  const dense = spec.labels.length > 48;
  if (series.type === "line") {
    return {
      type: "line",
      label: series.label,
      data: [...series.values],
      borderColor: color,
      backgroundColor: color,
      borderWidth: 1.75,
      pointRadius: dense ? 0 : 2,
      tension: 0.25,
      spanGaps: true,
      order: 0,
    };
  }
  return {
    type: "bar",
    label: series.label,
    data: [...series.values],
    backgroundColor: color,
    borderRadius: dense ? 0 : 2,
    stack: series.stack ?? `series-${index}`,
    maxBarThickness: 28,
    categoryPercentage: dense ? 0.95 : 0.8,
    order: 1,
  };
}

/** Renders `spec` to a PNG sized for a `width`×`height` point box in the PDF. */
export function renderChartPng(spec: ChartSpec, width: number, height: number, style: ChartStyle): Buffer {
  initialise();
  const canvas = createCanvas(Math.round(width), Math.round(height));
  const font = { family: CHART_FONT, size: 8 };
  const stacked = spec.series.some((series) => series.stack !== undefined);
  const valueAxis = spec.horizontal ? "x" : "y";
  const categoryAxis = spec.horizontal ? "y" : "x";
  const config: ChartConfiguration<"bar" | "line", (number | null)[], string> = {
    type: "bar",
    data: { labels: [...spec.labels], datasets: spec.series.map((_, index) => dataset(spec, index, style)) },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: SCALE,
      indexAxis: spec.horizontal ? "y" : "x",
      layout: { padding: { top: 2, right: 8, bottom: 0, left: 0 } },
      color: style.text,
      plugins: {
        legend: {
          display: spec.series.length > 1,
          position: "top",
          align: "end",
          labels: {
            font,
            color: style.text,
            boxWidth: 10,
            boxHeight: 10,
            // Dataset `order` puts lines above bars; keep the legend in the order the series were defined.
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
      },
      scales: {
        [categoryAxis]: {
          stacked,
          grid: { display: false },
          border: { color: style.grid },
          ticks: { font, color: style.text, autoSkip: true, maxRotation: 0, autoSkipPadding: 8 },
        },
        [valueAxis]: {
          stacked,
          beginAtZero: true,
          grid: { color: style.grid },
          border: { display: false },
          ticks: { font, color: style.text, precision: 0, maxTicksLimit: 6 },
          title: spec.yAxisTitle
            ? { display: true, text: spec.yAxisTitle, font, color: style.text }
            : { display: false },
        },
      },
    },
  };
  // The napi context implements the CanvasRenderingContext2D surface chart.js draws with; the cast only
  // bridges the DOM type names that this DOM-less project does not load.
  const context = canvas.getContext("2d") as unknown as ConstructorParameters<typeof Chart>[0];
  const chart = new Chart(context, config);
  try {
    return canvas.toBuffer("image/png");
  } finally {
    chart.destroy();
  }
}
