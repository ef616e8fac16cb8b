// The reports page: supervisors and admins sign in, choose a day or a range, and read the
// figures by hour or day as charts (each with the table of its numbers), one table of every
// figure, and a CSV download. The figures are counts and times only, never anything anyone wrote.
import { byId, el, fill, show } from './dom.js';
import { StaffSession, offerSingleSignOn, singleSignOnReturn, passwordSignIn } from './staff-session.js';
import { barChart } from './reports/chart.js';

const session = new StaffSession('storiboard.reports');
const readers = ['supervisor', 'admin'];

const columns = [
  ['conversations', 'Conversations'],
  ['aiOnly', 'With the AI only'],
  ['peerChats', 'Peer chats'],
  ['abandoned', 'Left while waiting'],
  ['aiReplyP50Seconds', 'AI reply p50 (s)'],
  ['aiReplyP90Seconds', 'AI reply p90 (s)'],
  ['peerWaitP50Seconds', 'Wait for a peer p50 (s)'],
  ['peerWaitP90Seconds', 'Wait for a peer p90 (s)'],
  ['redFlags', 'Red flags'],
  ['redFlagsReached', 'Reached a crisis-trained supporter'],
  ['redFlagsNeverReached', 'Ended before one'],
  ['crisisWaitP50Seconds', 'To crisis-trained p50 (s)'],
  ['crisisWaitP90Seconds', 'To crisis-trained p90 (s)'],
  ['crisisHandOvers', 'Crisis hand-overs'],
  ['supervisorTakeOvers', 'Supervisor take-overs'],
  ['ratings', 'Ratings'],
  ['ratingMean', 'Mean rating'],
  ['supporterHours', 'Supporter hours on shift'],
  ['chatHours', 'Chat hours'],
  ['load', 'Load (chats per supporter)'],
];

const utcDay = (date) => date.toISOString().slice(0, 10);

function showOnly(section) {
  show(byId('signin'), section === 'signin');
  show(byId('figures'), section === 'figures');
  show(byId('sign-out'), section === 'figures');
}

function signInFlow(error = '') {
  showOnly('signin');
  byId('signin-error').textContent = error;
  byId('email').focus();
}

async function enterAsReader() {
  if (!readers.includes(session.role)) {
    await session.signOut();
    signInFlow('This page is for supervisors and admins.');
    return;
  }
  showOnly('figures');
  byId('who').textContent = session.displayName;
  const today = utcDay(new Date());
  byId('from').value ||= today;
  byId('to').value ||= today;
  await load();
}

function query() {
  const params = new URLSearchParams({ from: byId('from').value, to: byId('to').value, by: byId('by').value });
  return params.toString();
}

/** A period's label: the hour (UTC) for hourly rows within one day, else the day. */
function label(row, report) {
  const start = row.start.slice(0, 16).replace('T', ' ');
  if (report.by !== 'hour') return start.slice(0, 10);
  return report.from === report.to ? start.slice(11) : start;
}

async function load() {
  let report;
  try {
    report = await session.api('GET', `/api/reports?${query()}`);
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      session.forget();
      signInFlow(error.message);
      return;
    }
    byId('range-error').textContent = error.message;
    return;
  }
  byId('range-error').textContent = '';
  byId('bucket-error').textContent = (report.bucketError * 100).toFixed(1);
  render(report);
  byId('announce').textContent = `Figures from ${report.from} to ${report.to} shown.`;
}

function render(report) {
  const labels = report.rows.map((row) => label(row, report));
  const series = (key) => report.rows.map((row) => row[key]);
  fill(byId('totals'), columns.flatMap(([key, name]) => [el('dt', {}, name), el('dd', { 'data-figure': key }, format(report.total[key]))]),
    el('dt', {}, 'Ratings 1 to 5'), el('dd', { 'data-figure': 'ratingsByStars' }, report.total.ratingsByStars.join(' / ')));
  fill(byId('charts'),
    barChart({ id: 'chart-conversations', title: 'Conversations, peer chats and people who left while waiting', labels, series: [
      { name: 'Conversations', values: series('conversations') },
      { name: 'Peer chats', values: series('peerChats') },
      { name: 'Left while waiting', values: series('abandoned') }] }),
    barChart({ id: 'chart-ai-wait', title: 'Wait for the AI\'s reply (seconds)', labels, series: [
      { name: 'p50', values: series('aiReplyP50Seconds') },
      { name: 'p90', values: series('aiReplyP90Seconds') }] }),
    barChart({ id: 'chart-peer-wait', title: 'Wait for a peer supporter (seconds)', labels, series: [
      { name: 'p50', values: series('peerWaitP50Seconds') },
      { name: 'p90', values: series('peerWaitP90Seconds') }] }),
    barChart({ id: 'chart-red-flags', title: 'Red flags and those that reached a crisis-trained supporter', labels, series: [
      { name: 'Red flags', values: series('redFlags') },
      { name: 'Reached', values: series('redFlagsReached') },
      { name: 'Ended before one', values: series('redFlagsNeverReached') }] }),
    barChart({ id: 'chart-crisis-wait', title: 'Time from a red flag to a crisis-trained supporter (seconds)', labels, series: [
      { name: 'p50', values: series('crisisWaitP50Seconds') },
      { name: 'p90', values: series('crisisWaitP90Seconds') }] }),
    barChart({ id: 'chart-ratings', title: 'Ratings over the range', labels: ['1', '2', '3', '4', '5'], series: [
      { name: 'Ratings', values: report.total.ratingsByStars }] }));
  fill(byId('rows'),
    el('caption', { class: 'visually-hidden' }, 'Every figure by period'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Period (UTC)'), columns.map(([, name]) => el('th', { scope: 'col' }, name)))),
    el('tbody', {}, report.rows.map((row, i) => el('tr', {}, el('th', { scope: 'row' }, labels[i]),
      columns.map(([key]) => el('td', {}, format(row[key]))))),
      el('tr', { class: 'total' }, el('th', { scope: 'row' }, 'Total'), columns.map(([key]) => el('td', {}, format(report.total[key]))))));
}

const format = (value) => (value === null || value === undefined ? '–' : String(value));

async function downloadCsv() {
  try {
    const file = await session.api('GET', `/api/reports.csv?${query()}`);
    const link = el('a', { href: URL.createObjectURL(file), download: `storiboard-report-${byId('from').value}-to-${byId('to').value}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(link.href);
  } catch (error) {
    byId('range-error').textContent = error.message;
  }
}

passwordSignIn(session, () => enterAsReader());

byId('range-form').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
byId('csv').addEventListener('click', downloadCsv);
byId('sign-out').addEventListener('click', async () => {
  await session.signOut();
  location.replace(location.pathname);
});

offerSingleSignOn(byId('sso'));
const returned = singleSignOnReturn();
if (returned?.refreshToken && (await session.adopt(returned.refreshToken))) {
  await enterAsReader();
} else if (returned?.error) {
  signInFlow(returned.error);
} else if (session.signedIn) {
  await enterAsReader();
} else {
  signInFlow();
}
