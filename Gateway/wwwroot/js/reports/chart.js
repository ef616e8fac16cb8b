// Bar charts drawn as plain SVG: a figure with its title, the bars (one group per period, one
// bar per series), a legend, and the table of the same numbers for anyone who cannot see the
// bars. Values that are missing (no wait measured) draw no bar and read as "–" in the table.
import { el } from '../dom.js';

const svgNs = 'http://www.w3.org/2000/svg';
// Colours with at least 3:1 contrast against the card, told apart by the legend and the table too.
const colours = ['#2b5a5e', '#b5651d', '#a4161a'];
const width = 720;
const height = 220;
const margin = { top: 10, right: 10, bottom: 28, left: 48 };

function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/** A round top for the scale: 1, 2 or 5 times a power of ten. */
function niceTop(max) {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((f) => f * power).find((v) => v >= max);
}

export function barChart({ id, title, labels, series }) {
  const values = series.flatMap((s) => s.values).filter((v) => typeof v === 'number');
  const top = niceTop(Math.max(0, ...values));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const group = plotWidth / Math.max(1, labels.length);
  const bar = Math.max(1, (group * 0.8) / series.length);
  const y = (v) => margin.top + plotHeight - (v / top) * plotHeight;

  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-title`, class: 'chart' });
  for (const tick of [0, top / 2, top]) {
    chart.append(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick), stroke: '#c9c4b8' }));
    chart.append(svg('text', { x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#1d2630' }, String(tick)));
  }
  const labelEvery = Math.ceil(labels.length / 12);
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const v = s.values[i];
      if (typeof v !== 'number' || v <= 0) return;
      chart.append(svg('rect', {
        x: margin.left + i * group + group * 0.1 + j * bar, y: y(v), width: bar, height: margin.top + plotHeight - y(v), fill: colours[j % colours.length],
      }));
    });
    if (i % labelEvery === 0) {
      chart.append(svg('text', { x: margin.left + (i + 0.5) * group, y: height - 8, 'text-anchor': 'middle', 'font-size': 11, fill: '#1d2630' }, label));
    }
  });

  const legend = el('ul', { class: 'legend' }, series.map((s, j) => el('li', { 'data-colour': j }, s.name)));
  const table = el('table', { id: `${id}-table` },
    el('caption', {}, `${title}: the numbers`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Period'), series.map((s) => el('th', { scope: 'col' }, s.name)))),
    el('tbody', {}, labels.map((label, i) => el('tr', {}, el('th', { scope: 'row' }, label),
      series.map((s) => el('td', {}, s.values[i] ?? '–'))))));
  return el('figure', { id, class: 'panel chart-figure' },
    el('figcaption', { id: `${id}-title` }, title),
    chart, legend,
    el('details', {}, el('summary', {}, 'The numbers'), el('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': `${title}: the numbers` }, table)));
}
