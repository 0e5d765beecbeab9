/**
 * The chart of `shimkit bench --svg FILE`: throughput (MB/s) against request size, one line per
 * generator and peer, both axes logarithmic. It is a Vega 6 specification
 * (https://vega.github.io/vega/docs/specification/) rendered headless to SVG by Vega's own
 * renderer (`View.toSVG()` with `renderer: 'none'`: no browser, no canvas).
 */

import { parse, type Spec, View } from 'vega';
import type { GeneratorResult } from '@shimkit/entropy-bench';

/** The name of the line mark: each series is one `<g class="mark-line role-mark series-line">` holding one `<path>`. */
export const SERIES_MARK = 'series-line';

/** What the chart's subtitle says the figures were measured on. */
export interface ChartCaption {
  /** e.g. `node v20.20.2, linux-x64, os-unix native, quick`. */
  readonly measuredOn: string;
}

/** The Vega specification of the chart for `generators` (one series per generator). */
export function benchChartSpec(generators: readonly GeneratorResult[], caption: ChartCaption): Spec {
  const values = generators.flatMap((g) => g.points.map((p) => ({ series: g.name, source: g.source, bytes: p.bytes, mbPerS: p.mbPerS })));
  const sizes = [...new Set(values.map((v) => v.bytes))].sort((a, b) => a - b);
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 560,
    height: 360,
    padding: 8,
    background: 'white',
    title: {
      text: 'Random bytes: throughput by request size',
      subtitle: `shimkit generators vs node:crypto and @noble/ciphers — ${caption.measuredOn}`,
      anchor: 'start',
    },
    data: [{ name: 'points', values }],
    scales: [
      { name: 'x', type: 'log', base: 2, domain: [sizes[0] ?? 1, sizes[sizes.length - 1] ?? 1], range: 'width', nice: false },
      { name: 'y', type: 'log', base: 10, domain: { data: 'points', field: 'mbPerS' }, range: 'height', nice: true, zero: false },
      { name: 'color', type: 'ordinal', domain: generators.map((g) => g.name), range: { scheme: 'tableau10' } },
      // Ours solid, the peers dashed, so the legend and the lines tell them apart beyond colour.
      { name: 'dash', type: 'ordinal', domain: generators.map((g) => g.name), range: generators.map((g) => (g.source === 'shimkit' ? [1, 0] : [6, 3])) },
    ],
    axes: [
      {
        orient: 'bottom',
        scale: 'x',
        values: sizes,
        title: 'request size',
        grid: true,
        encode: {
          labels: {
            update: {
              text: { signal: "datum.value >= 1048576 ? datum.value / 1048576 + ' MiB' : datum.value >= 1024 ? datum.value / 1024 + ' KiB' : datum.value + ' B'" },
            },
          },
        },
      },
      { orient: 'left', scale: 'y', title: 'MB/s (10⁶ bytes per second, log scale)', grid: true, tickCount: 6, format: '~g' },
    ],
    legends: [
      {
        stroke: 'color',
        strokeDash: 'dash',
        type: 'symbol',
        symbolType: 'stroke',
        symbolStrokeWidth: 2,
        title: 'generator',
        orient: 'right',
        labelLimit: 600, // no truncation: Vega without a canvas estimates text widths generously
      },
    ],
    marks: [
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'points', groupby: 'series' } },
        marks: [
          {
            type: 'line',
            name: SERIES_MARK,
            from: { data: 'series' },
            sort: { field: 'datum.bytes' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'bytes' },
                y: { scale: 'y', field: 'mbPerS' },
                stroke: { scale: 'color', field: 'series' },
                strokeDash: { scale: 'dash', field: 'series' },
                strokeWidth: { value: 2 },
              },
            },
          },
          {
            type: 'symbol',
            from: { data: 'series' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'bytes' },
                y: { scale: 'y', field: 'mbPerS' },
                fill: { scale: 'color', field: 'series' },
                size: { value: 18 },
              },
            },
          },
        ],
      },
    ],
  };
}

/** The chart as an SVG document (UTF-8 text). */
export async function renderBenchChart(generators: readonly GeneratorResult[], caption: ChartCaption): Promise<string> {
  const view = new View(parse(benchChartSpec(generators, caption)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
