/**
 * The freshness lag of both engines over time, as an SVG line chart: the batch path's sawtooth
 * against SQL on Kafka's flat line. Colours as in the tour: warehouse blue, Kafka magenta.
 */

export interface LagSample {
  /** Seconds since the start of the run. */
  t: number;
  /** Freshness lag in ms, null when the engine did not answer (or had no rows). */
  warehouse: number | null;
  kafka: number | null;
}

export interface ChartOptions {
  intervalSeconds: number;
  rate: number;
  /** A line under the chart saying where the figures come from. */
  caption: string;
}

const COLOURS = { warehouse: '#2563eb', kafka: '#c026d3' } as const;
const LABELS = { warehouse: 'warehouse (MySQL, fed by the batch pipeline)', kafka: 'kafka (Trino, SQL directly on the topic)' } as const;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A round step for axis ticks so that about `count` of them cover `span`. */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

export function lagChartSvg(samples: readonly LagSample[], options: ChartOptions): string {
  const width = 960;
  const height = 460;
  const left = 70;
  const right = 24;
  const top = 70;
  const bottom = 106;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const duration = Math.max(1, ...samples.map((s) => s.t));
  const lags = samples.flatMap((s) => [s.warehouse, s.kafka]).filter((v): v is number => v !== null);
  const yStep = tickStep(Math.max(1, Math.max(...lags, 1000) / 1000), 5);
  const yMax = Math.ceil(Math.max(...lags, 1000) / 1000 / yStep) * yStep;
  const xStep = tickStep(duration, 8);
  const x = (t: number) => left + (t / duration) * plotW;
  const y = (ms: number) => top + plotH - (ms / 1000 / yMax) * plotH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13" fill="#1f2937">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="30" font-size="18" font-weight="bold">Freshness lag over time: now minus the newest event each engine can see</text>`,
    `<text x="${left}" y="52" fill="#4b5563">The same query every second; batch interval ${options.intervalSeconds} s, ${options.rate} records/s. Lower is fresher.</text>`,
  );
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    out.push(`<line x1="${left}" y1="${y(v * 1000).toFixed(1)}" x2="${left + plotW}" y2="${y(v * 1000).toFixed(1)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${left - 8}" y="${(y(v * 1000) + 4).toFixed(1)}" text-anchor="end" fill="#4b5563">${Number(v.toFixed(3))} s</text>`);
  }
  for (let t = 0; t <= duration + 1e-9; t += xStep) {
    out.push(`<line x1="${x(t).toFixed(1)}" y1="${top + plotH}" x2="${x(t).toFixed(1)}" y2="${top + plotH + 5}" stroke="#9ca3af"/>`);
    out.push(`<text x="${x(t).toFixed(1)}" y="${top + plotH + 20}" text-anchor="middle" fill="#4b5563">${Number(t.toFixed(1))} s</text>`);
  }
  out.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#6b7280"/>`);
  out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#6b7280"/>`);
  out.push(`<text x="${left + plotW / 2}" y="${top + plotH + 40}" text-anchor="middle" fill="#4b5563">time since the start of the run</text>`);
  for (const engine of ['warehouse', 'kafka'] as const) {
    // A failed answer breaks the line rather than joining across the gap.
    const segments: string[][] = [[]];
    for (const sample of samples) {
      const value = sample[engine];
      if (value === null) {
        if ((segments.at(-1) ?? []).length > 0) segments.push([]);
        continue;
      }
      segments.at(-1)?.push(`${x(sample.t).toFixed(1)},${y(value).toFixed(1)}`);
    }
    for (const points of segments.filter((p) => p.length > 0)) {
      out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLOURS[engine]}" stroke-width="2.5" stroke-linejoin="round"/>`);
    }
  }
  const legendY = height - 42;
  out.push(`<line x1="${left}" y1="${legendY - 4}" x2="${left + 28}" y2="${legendY - 4}" stroke="${COLOURS.warehouse}" stroke-width="3"/>`);
  out.push(`<text x="${left + 36}" y="${legendY}">${escapeXml(LABELS.warehouse)}</text>`);
  out.push(`<line x1="${left + 400}" y1="${legendY - 4}" x2="${left + 428}" y2="${legendY - 4}" stroke="${COLOURS.kafka}" stroke-width="3"/>`);
  out.push(`<text x="${left + 436}" y="${legendY}">${escapeXml(LABELS.kafka)}</text>`);
  out.push(`<text x="${left}" y="${height - 14}" font-size="11" fill="#6b7280">${escapeXml(options.caption)}</text>`);
  out.push('</svg>', '');
  return out.join('\n');
}
