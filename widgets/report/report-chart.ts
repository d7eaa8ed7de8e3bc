/**
 * Draws the report's chart with Chart.js: a canvas (no DOM per data point, so a long
 * period stays light), a legend built in, MIT-licensed, and small when only the parts in
 * use are registered — bars, lines, pies, two scales, the legend and tooltips.
 */
import {
    ArcElement, BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PieController,
    PointElement, Tooltip, type ChartConfiguration,
} from 'chart.js';
import type { ChartData } from './report-view';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, PieController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Distinct colours that stay apart for common colour blindness (Okabe–Ito, then greys). */
const palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#7f7f7f', '#b3b3b3'];
const colour = (i: number) => palette[i % palette.length];

let drawn: Chart | null = null;

/** Draws `data` on the canvas, replacing the chart drawn before; none when there is no canvas. */
export function drawChart(canvas: HTMLCanvasElement | null, data: ChartData | null): void {
    drawn?.destroy();
    drawn = null;
    if (!canvas || !data) return;
    const pie = data.type === 'pie';
    const config: ChartConfiguration = {
        type: data.type,
        data: {
            labels: data.labels,
            datasets: data.series.map((s, i) => ({
                label: s.label,
                data: s.values,
                backgroundColor: pie ? s.values.map((_, j) => colour(j)) : colour(i),
                borderColor: pie ? '#ffffff' : colour(i),
                spanGaps: true,
            })),
        },
        options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { display: true, position: 'bottom' } },
            scales: pie ? {} : { y: { beginAtZero: true, title: { display: true, text: data.axis } } },
        },
    };
    drawn = new Chart(canvas, config);
    // The legend is painted on the canvas; its entries are also told to screen readers.
    const legend = drawn.legend?.legendItems?.map((item) => item.text).join(', ');
    if (legend) canvas.setAttribute('aria-label', `${canvas.getAttribute('aria-label') ?? ''} Legend: ${legend}.`);
}
