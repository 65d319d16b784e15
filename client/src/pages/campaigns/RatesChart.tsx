// The response rate per school as a bar chart (chart.js). A canvas says nothing to a screen
// reader, so it carries a label and the table beside it gives the same numbers.
import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { ResponseRates } from '../../api/campaigns';
import type { Locale } from '../../i18n';
import { schoolLabel } from './common';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip);

export function RatesChart({ rates, locale, label }: { rates: ResponseRates; locale: Locale; label: string }) {
  const data = {
    labels: rates.schools.map((r) => schoolLabel(r, locale, r.schoolId)),
    datasets: [{ label: '%', data: rates.schools.map((r) => r.rate ?? 0), backgroundColor: '#1f5fae' }],
  };
  return (
    <div className="rates-chart" style={{ height: `${60 + rates.schools.length * 36}px` }}>
      <Bar
        role="img"
        aria-label={label}
        data={data}
        options={{
          indexAxis: 'y',
          maintainAspectRatio: false,
          animation: false,
          locale: locale === 'ru' ? 'ru-RU' : 'en-GB',
          scales: { x: { min: 0, max: 100 } },
          plugins: { legend: { display: false } },
        }}
      />
    </div>
  );
}
