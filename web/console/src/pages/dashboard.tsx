import { useEffect, useRef } from 'react';
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { api, query } from '../api.js';
import { duration, percent, time } from '../format.js';
import { useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Dashboard as Data, ReturnVisitResults } from '../types.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** The supervisor's view: the live queue and floor, and today's figures, refreshed every 10 s. */
export function Dashboard() {
  const { t, locale } = useI18n();
  const dash = useLoad(() => api<Data>('GET', `/api/v1/analytics/dashboard${query({ timeZone })}`), []);
  const { reload } = dash;
  useEffect(() => {
    const timer = window.setInterval(reload, 10_000);
    return () => clearInterval(timer);
  }, [reload]);
  const d = dash.data;
  const none = t.dashboard.noData;
  return (
    <div className="dashboard">
      <div className="row">
        <h1>{t.dashboard.title}</h1>
        {d && <span className="muted small" role="status">{t.dashboard.updatedAt(time(d.generatedAt, locale))}</span>}
      </div>
      {dash.error && <p className="error" role="alert">{dash.error}</p>}
      {d && (
        <>
          <section aria-label={t.dashboard.queue} className="kpis" data-testid="kpis">
            <Kpi label={t.dashboard.waiting} value={String(d.queue.waiting)} testId="kpi-waiting" />
            <Kpi label={t.dashboard.longestWait} value={duration(d.queue.longestWaitSeconds, locale) ?? none} />
            <Kpi label={t.dashboard.volume} value={String(d.today.conversations)} testId="kpi-volume" />
            <Kpi label={t.dashboard.handedOver} value={String(d.today.handedOver)} testId="kpi-handed-over" />
            <Kpi label={t.dashboard.firstResponse} value={duration(d.today.firstResponseSeconds.p50, locale) ?? none} />
            <Kpi label={t.dashboard.resolution} value={duration(d.today.resolutionSeconds.p50, locale) ?? none} />
            <Kpi label={t.dashboard.averageRating} value={d.today.ratings.average === null ? none : `${d.today.ratings.average.toFixed(1)} ★ (${d.today.ratings.count})`} testId="kpi-rating" />
            <Kpi label={t.dashboard.containment} value={percent(d.today.botContainment, locale) ?? none} testId="kpi-containment" />
          </section>
          <div className="charts">
            <ChartCard title={t.dashboard.hourly} config={{
              type: 'bar',
              data: {
                labels: d.today.hourly.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
                datasets: [
                  { label: t.dashboard.volume, data: d.today.hourly.map((h) => h.conversations), backgroundColor: css('--wd-color-brand') },
                  { label: t.dashboard.handedOver, data: d.today.hourly.map((h) => h.handedOver), backgroundColor: css('--wd-color-warning') },
                ],
              },
              options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
            }} />
            <ChartCard title={t.dashboard.byPresence} config={{
              type: 'doughnut',
              data: {
                labels: [t.presence.online, t.presence.away, t.presence.offline],
                datasets: [{ data: [d.presence.online, d.presence.away, d.presence.offline], backgroundColor: [css('--wd-color-success'), css('--wd-color-warning'), css('--wd-color-border')] }],
              },
            }} />
            <ChartCard title={t.dashboard.ratingDistribution} config={{
              type: 'bar',
              data: {
                labels: [1, 2, 3, 4, 5].map(t.dashboard.stars),
                datasets: [{ label: t.dashboard.ratings, data: d.today.ratings.distribution, backgroundColor: css('--wd-color-brand') }],
              },
              options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
            }} />
          </div>
          <ReturnVisits />
          <section aria-labelledby="agents-title">
            <h2 id="agents-title">{t.dashboard.agents}</h2>
            <table className="table">
              <thead>
                <tr><th>{t.common.name}</th><th>{t.dashboard.presence}</th><th>{t.dashboard.load}</th></tr>
              </thead>
              <tbody>
                {d.agents.map((a) => (
                  <tr key={a.id}>
                    <td>{a.displayName} <span className="muted small">{t.roles[a.role]}</span></td>
                    <td><span className={`dot dot-${a.presence}`} aria-hidden="true" /> {t.presence[a.presence]}</td>
                    <td>
                      <meter min={0} max={Math.max(1, a.capacity)} value={a.load} aria-label={`${t.dashboard.load} ${a.load}/${a.capacity}`} /> {a.load}/{a.capacity}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

/**
 * What the follow-up calls of the last 7 days heard, beside what chat ratings said in the same
 * days: a low reopen rate with high chat ratings is the sign that "solved" meant solved.
 */
function ReturnVisits() {
  const { t, locale } = useI18n();
  const r = useLoad(() => api<ReturnVisitResults>('GET', '/api/v1/analytics/return-visits'), []).data;
  const d = t.dashboard;
  const none = d.noData;
  const stars = (x: { avg: number | null; count: number }) => (x.avg === null ? none : `${x.avg.toFixed(1)} ★ (${x.count})`);
  if (!r) return null;
  return (
    <section aria-labelledby="return-visits-title" data-testid="return-visit-results">
      <h2 id="return-visits-title">{d.returnVisits}</h2>
      <div className="kpis">
        <Kpi label={d.visits} value={String(r.visits)} testId="kpi-visits" />
        <Kpi label={d.reachRate} value={percent(r.reachRate, locale) ?? none} />
        <Kpi label={d.visitSatisfaction} value={stars(r.satisfaction)} testId="kpi-visit-satisfaction" />
        <Kpi label={d.chatRating} value={stars(r.chatRating)} />
        <Kpi label={d.reopenRate} value={percent(r.reopenRate, locale) ?? none} testId="kpi-reopen-rate" />
      </div>
      {r.reasons.length > 0 && (
        <table className="table">
          <thead><tr><th>{t.calls.outcome.reason}</th><th>{d.visits}</th></tr></thead>
          <tbody>
            {r.reasons.map((x) => (
              <tr key={x.reason}><td>{t.calls.reasons[x.reason as keyof typeof t.calls.reasons] ?? x.reason}</td><td>{x.count}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="kpi card" data-testid={testId}>
      <span className="kpi-label small muted">{label}</span>
      <span className="kpi-value">{value}</span>
    </div>
  );
}

/** A chart.js chart that is built once and updated in place when its data changes. */
function ChartCard({ title, config }: { title: string; config: ChartConfiguration }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!chart.current) {
      chart.current = new Chart(canvas.current!, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
    } else {
      chart.current.data = config.data;
      chart.current.update('none');
    }
  });
  useEffect(() => () => {
    chart.current?.destroy();
    chart.current = null;
  }, []);
  return (
    <figure className="card chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}
