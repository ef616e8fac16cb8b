// A supporter's wrap-ups for their supervisors and admins: how each chat was left (the person's rating, the
// supporter's private note), newest first. Every look is audited on the server.
import { el, fill, show, formatDateTime } from './dom.js';
import { themeLabel, riskId, kindLabel, isRedFlag } from './labels.js';

export class WrapUps {
  /** section: an empty element (labelled by #wrap-ups-title) that this fills with a heading, a status line and a table. */
  constructor({ session, section, announce }) {
    this.title = el('h2', { id: 'wrap-ups-title', tabindex: '-1' }, 'Wrap-ups');
    this.status = el('p', { role: 'status' });
    this.rows = el('tbody');
    const close = el('button', { type: 'button', onclick: () => show(section, false) }, 'Close');
    fill(section, this.title, this.status,
      el('div', { class: 'table-scroll' }, el('table', {},
        el('caption', { class: 'visually-hidden' }, 'How each chat was left, newest first'),
        el('thead', {}, el('tr', {}, ['Ended', 'Rating', 'Private note', 'Highest risk', 'Themes'].map((h) => el('th', { scope: 'col' }, h)))),
        this.rows)),
      close);
    Object.assign(this, { session, section, announce });
  }

  async open(supporterId, displayName) {
    this.title.textContent = `Wrap-ups of ${displayName}`;
    this.status.textContent = 'Loading…';
    this.rows.replaceChildren();
    show(this.section, true);
    this.title.focus();
    try {
      const wrapUps = await this.session.api('GET', `/api/supporters/${encodeURIComponent(supporterId)}/wrap-ups?count=100`);
      fill(this.rows, ...wrapUps.map((w) => this.#row(w)));
      const rated = wrapUps.filter((w) => w.rating);
      const mean = rated.length ? (rated.reduce((sum, w) => sum + w.rating, 0) / rated.length).toFixed(1) : null;
      this.status.textContent = wrapUps.length === 0
        ? `${displayName} has no ended chats with a wrap-up yet.`
        : `${wrapUps.length} ${wrapUps.length === 1 ? 'chat' : 'chats'}; ${rated.length} rated${mean ? `, ${mean} out of 5 on average` : ''}.`;
      this.announce?.(this.status.textContent);
    } catch (error) {
      this.status.textContent = error.message;
    }
  }

  #row(w) {
    const risk = riskId(w.highestRisk);
    return el('tr', { 'data-conversation-id': w.conversationId },
      el('td', {}, w.endedAt ? formatDateTime(w.endedAt) : '—'),
      el('td', {}, w.rating ? `${w.rating} of 5` : 'not rated'),
      el('td', {}, w.note ?? 'no note'),
      el('td', {}, isRedFlag(risk) ? el('strong', {}, `${risk}, a red flag`) : risk, w.kind ? ` (${kindLabel(w.kind)})` : ''),
      el('td', {}, (w.themes ?? []).slice(0, 3).map(themeLabel).join(', ') || '—'));
  }
}
