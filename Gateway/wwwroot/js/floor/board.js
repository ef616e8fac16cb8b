// The floor's four parts, drawn whole from each Floor push. Only the red flags' "for how long" and
// the alarm change between pushes (tick()).
import { el, byId, fill, show } from '../dom.js';
import { themeLabel } from '../labels.js';

const stateWords = { free: 'Free', busy: 'Busy', resting: 'Resting after a red flag', away: 'Away' };
const trendWords = { rising: 'rising', steady: 'steady', falling: 'falling' };
const kindWords = {
  suicide: 'suicide', self_harm: 'self-harm', danger_from_others: 'danger from others',
  harm_to_others: 'harm to others', medical: 'medical', third_party: 'someone else at risk',
};

/** "1 min 05 s" since an ISO time. */
export function forHowLong(since, now = Date.now()) {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}

export class FloorBoard {
  #floor = null;
  #alarmed = new Set(); // red flags already announced as past the alarm

  /** onOpen(conversationId, label): the supervisor chose a conversation. */
  constructor({ onOpen, onWrapUps }) {
    this.onOpen = onOpen;
    this.onWrapUps = onWrapUps;
  }

  /** The supporters free to take a chat now, for the pane's Reassign list. */
  get free() {
    return (this.#floor?.supporters ?? []).filter((s) => s.state === 'free');
  }

  show(floor) {
    this.#floor = floor;
    this.#redFlags(floor.redFlags);
    this.#waiting(floor.waiting);
    this.#chats(floor.chats);
    this.#staff(floor.supporters);
    this.tick();
  }

  /** Every second: how long each red flag has waited, and the alarm past the threshold. */
  tick() {
    if (!this.#floor) return;
    const alarmAfter = this.#floor.redFlags.alarmAfterSeconds * 1000;
    const past = [];
    for (const item of byId('red-flags').children) {
      const since = item.dataset.since;
      item.querySelector('.for-how-long').textContent = `for ${forHowLong(since)}`;
      const alarmed = Date.now() - Date.parse(since) >= alarmAfter;
      item.classList.toggle('alarmed', alarmed);
      if (alarmed) past.push(item.dataset.conversationId);
    }
    const alarm = byId('alarm');
    const fresh = past.filter((id) => !this.#alarmed.has(id));
    this.#alarmed = new Set(past);
    if (past.length === 0) {
      show(alarm, false);
      alarm.textContent = '';
    } else if (fresh.length > 0 || alarm.hidden) {
      // Said once for each new one (role="alert"), not every second.
      alarm.textContent = past.length === 1
        ? `Alarm: a red flag has waited more than ${this.#minutes(alarmAfter)} without a crisis-trained supporter.`
        : `Alarm: ${past.length} red flags have waited more than ${this.#minutes(alarmAfter)} without a crisis-trained supporter.`;
      show(alarm);
    }
  }

  #minutes(ms) {
    const seconds = Math.round(ms / 1000);
    return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
  }

  #open(conversationId, label) {
    return el('button', { type: 'button', onclick: () => this.onOpen(conversationId, label) }, `Open ${label}`);
  }

  #redFlags(redFlags) {
    const items = redFlags.conversations.map((c, i) => {
      const label = `red flag ${i + 1}`;
      const who = c.supporter ? `with ${c.supporter}, not crisis-trained` : c.status === 'waiting' ? 'waiting, nobody yet' : `with the AI only`;
      return el('li', { 'data-conversation-id': c.conversationId, 'data-since': c.since },
        el('strong', {}, `${c.risk}${c.kind ? `, ${kindWords[c.kind] ?? c.kind}` : ''}`), ` — ${who} `,
        el('span', { class: 'for-how-long' }), ' ', this.#open(c.conversationId, label));
    });
    fill(byId('red-flags'), items);
    show(byId('red-flags-empty'), items.length === 0);
  }

  #waiting(waiting) {
    fill(byId('waiting-by-risk'), [...waiting.byRisk].reverse().map((level) =>
      el('tr', { class: level.count > 0 && ['high', 'imminent'].includes(level.risk) ? 'red-flag' : null },
        el('th', { scope: 'row' }, level.risk),
        el('td', {}, String(level.count)),
        el('td', {}, level.oldestWaitingSince ? forHowLong(level.oldestWaitingSince) : '—'))));
    fill(byId('waiting'), waiting.conversations.map((c, i) =>
      el('li', {}, `${c.risk}, ${c.language}, waiting ${forHowLong(c.waitingSince)}`,
        c.themes.length ? ` (${c.themes.map(themeLabel).join(', ')})` : '', ' ', this.#open(c.conversationId, `waiting ${i + 1}`))));
  }

  #chats(chats) {
    fill(byId('chats'), chats.map((c) =>
      el('li', {}, el('strong', {}, c.supporter), ` — risk ${c.risk}, ${trendWords[c.trend] ?? c.trend}, for ${forHowLong(c.startedAt)}`,
        c.supervisors?.length ? ` (with ${c.supervisors.join(', ')})` : '', ' ', this.#open(c.conversationId, `chat with ${c.supporter}`))));
    show(byId('chats-empty'), chats.length === 0);
  }

  #staff(staff) {
    const count = (state) => staff.filter((s) => s.state === state).length;
    byId('staff-counts').textContent = `${count('free')} free, ${count('busy')} busy, ${count('resting')} resting, ${count('away')} away`;
    fill(byId('staff'), staff.map((s) =>
      el('li', { 'data-supporter-id': s.supporterId, 'data-state': s.state },
        el('strong', {}, s.displayName), ` — ${stateWords[s.state] ?? s.state}, ${s.activeChats} of ${s.capacity} chats`,
        s.crisisTrained ? ', crisis-trained' : '', s.role === 'supervisor' ? ', supervisor' : '', ' ',
        el('button', { type: 'button', 'aria-label': `Wrap-ups of ${s.displayName}`, onclick: () => this.onWrapUps(s.supporterId, s.displayName) }, 'Wrap-ups'))));
  }
}
