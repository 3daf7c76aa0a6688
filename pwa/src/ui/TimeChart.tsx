import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { LocalDay } from "../../../shared/domain/local-day";
import "./time-chart.css";

const DAY_S = 86_400;
const HEIGHT = 180;

/** A local day as uPlot's x value: seconds at UTC midnight (the chart draws in UTC, so the label is that day). */
function dayToSeconds(day: LocalDay): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

const utc = (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), "Etc/UTC");
const dayLabel = uPlot.fmtDate("{D} {MMM}");

export interface TimeChartProps {
  /** The chart's text alternative: what a sighted reader takes from it (average, range, count). */
  summary: string;
  /** The window's days, oldest first, one point each. */
  days: readonly LocalDay[];
  /** One value per day (null: nothing that day), aligned with `days`. */
  values: readonly (number | null)[];
  /** The series' name, for the y axis. */
  name: string;
  /** The fixed value range of the y axis, e.g. [1, 10] for mood. */
  range: [number, number];
  color: string;
  testId?: string;
}

/**
 * One day-by-day line chart drawn with uPlot. The canvas is an image to assistive technology,
 * labelled with `summary`; the screen offers the numbers as a table too. It fills its container's
 * width and follows it (phone to desktop); nothing animates.
 */
export function TimeChart({ summary, days, values, name, range, color, testId }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const chart = new uPlot(
      {
        width: Math.max(200, Math.floor(target.clientWidth)),
        height: HEIGHT,
        tzDate: utc,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range } },
        axes: [
          {
            stroke: "#1f2a27",
            grid: { stroke: "#e6e1d8", width: 1 },
            ticks: { stroke: "#c9c2b6", width: 1 },
            space: 56,
            incrs: [DAY_S, 2 * DAY_S, 7 * DAY_S, 14 * DAY_S, 28 * DAY_S],
            values: (_u, splits) => splits.map((s) => dayLabel(utc(s))),
          },
          {
            stroke: "#1f2a27",
            grid: { stroke: "#e6e1d8", width: 1 },
            ticks: { stroke: "#c9c2b6", width: 1 },
            size: 36,
            // Whole steps for a 0–10 score; tens and quarters for a percentage (0–100).
            incrs: [1, 2, 5, 10, 20, 25, 50],
          },
        ],
        series: [
          {},
          {
            label: name,
            stroke: color,
            width: 2,
            spanGaps: false,
            points: { show: true, size: 6, fill: color, stroke: color },
          },
        ],
      },
      [[], []],
      target,
    );
    chart.ctx.canvas.setAttribute("role", "img");
    if (testId) chart.ctx.canvas.setAttribute("data-testid", testId);
    plot.current = chart;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0);
      if (width > 0 && width !== chart.width) chart.setSize({ width, height: HEIGHT });
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [name, color, range[0], range[1], testId]);

  useEffect(() => {
    const chart = plot.current;
    if (!chart) return;
    chart.setData([days.map(dayToSeconds), values.map((v) => v ?? null)]);
    // The window is the whole x range, even when its first or last days have no check-in.
    const first = days[0];
    const last = days.at(-1);
    if (first && last) chart.setScale("x", { min: dayToSeconds(first), max: dayToSeconds(last) });
  }, [days, values, name, color, range[0], range[1]]);

  useEffect(() => {
    plot.current?.ctx.canvas.setAttribute("aria-label", summary);
  }, [summary, name, color, range[0], range[1]]);

  return <div class="time-chart" ref={box} />;
}
