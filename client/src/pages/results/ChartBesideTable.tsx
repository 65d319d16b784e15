// A chart.js chart with the table of the same numbers beside it (a canvas says nothing to a screen
// reader). chart.js is registered here, so only the results page's chunk carries it.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ReactNode } from 'react';
import { Chart, type ChartProps } from 'react-chartjs-2';
import { ScrollBox } from './tables';
import { useLocale } from '../../i18n';

ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

/** A chart (a canvas with an accessible name) and, beside it, the table of the same numbers. */
export function ChartBesideTable({
  type,
  label,
  data,
  share,
  tableLabel,
  children,
}: {
  type: 'bar' | 'line';
  label: string;
  data: ChartProps['data'];
  share: boolean;
  tableLabel: string;
  children: ReactNode;
}) {
  const [locale] = useLocale();
  return (
    <div className="results-chart-pair">
      <div className="results-chart">
        <Chart
          type={type}
          role="img"
          aria-label={label}
          data={data}
          options={{
            maintainAspectRatio: false,
            animation: false,
            // Axis ticks and tooltips in the page's number format: «16,7» in Russian.
            locale: locale === 'ru' ? 'ru-RU' : 'en-GB',
            scales: { y: { beginAtZero: true, ...(share ? { max: 100 } : {}) } },
            // The legend draws each series' own mark (a target's line as a line), not a dashed box.
            plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
          }}
        />
      </div>
      <ScrollBox label={tableLabel}>{children}</ScrollBox>
    </div>
  );
}
