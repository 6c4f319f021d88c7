/** Series of cumulative requests the server accepted, seconds since each run's start. */
export interface ChartSeries {
  label: string;
  points: [number, number][];
}

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];

/**
 * A plain SVG line chart (no library: a few paths): accepted requests over time for each run,
 * against the allowed line (the server's limit spread evenly over its window).
 */
export function budgetChart(series: ChartSeries[], allowedPerSecond: number): string {
  const width = 720;
  const height = 360;
  const pad = { left: 60, right: 180, top: 20, bottom: 40 };
  const maxX = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[0])));
  const maxY = Math.max(
    1,
    allowedPerSecond * maxX,
    ...series.flatMap((s) => s.points.map((p) => p[1])),
  );
  const x = (v: number) => pad.left + (v / maxX) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxY) * (height - pad.top - pad.bottom);
  const path = (points: [number, number][]) =>
    points
      .map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${x(a).toFixed(1)},${y(b).toFixed(1)}`)
      .join(' ');
  const ticks = (max: number) => {
    const step = 10 ** Math.floor(Math.log10(max));
    const n = max / step > 5 ? step * 2 : step;
    return Array.from({ length: Math.floor(max / n) + 1 }, (_, i) => i * n);
  };
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...ticks(maxX).map(
      (t) =>
        `<line x1="${x(t)}" y1="${y(0)}" x2="${x(t)}" y2="${y(maxY)}" stroke="#eee"/><text x="${x(t)}" y="${y(0) + 14}" text-anchor="middle">${t}</text>`,
    ),
    ...ticks(maxY).map(
      (t) =>
        `<line x1="${x(0)}" y1="${y(t)}" x2="${x(maxX)}" y2="${y(t)}" stroke="#eee"/><text x="${x(0) - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    ),
    `<text x="${(x(0) + x(maxX)) / 2}" y="${height - 6}" text-anchor="middle">seconds since the run started</text>`,
    `<text x="14" y="${(y(0) + y(maxY)) / 2}" transform="rotate(-90 14 ${(y(0) + y(maxY)) / 2})" text-anchor="middle">requests accepted</text>`,
    `<path d="${path([
      [0, 0],
      [maxX, allowedPerSecond * maxX],
    ])}" stroke="black" stroke-dasharray="6 4" fill="none"/>`,
    `<text x="${x(maxX) + 8}" y="${pad.top + 12}">- - allowed (${allowedPerSecond}/s)</text>`,
    ...series.flatMap((s, i) => [
      `<path d="${path(s.points)}" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="1.5" fill="none"/>`,
      `<text x="${x(maxX) + 8}" y="${pad.top + 30 + i * 16}" fill="${COLOURS[i % COLOURS.length]}">${s.label}</text>`,
    ]),
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}
