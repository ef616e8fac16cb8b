// The supervisors' live board of red-flag conversations: who is with each person, since when, and
// how it stands. The server sends RedFlag events to supervisors only.
import { el, byId, show, formatTime } from '../dom.js';
import { badges } from './analysis.js';
import { beep } from './sound.js';

export class RedFlagBoard {
  #section = byId('board');
  #cards = new Map(); // conversationId → card

  /** Supervisors see the board from the start, before any red flag: the server's role decides. */
  showFor(role) {
    if (role !== 'supervisor') return;
    show(this.#section);
    show(byId('floor-link'));
  }

  /** A red flag raised or changed: its card goes to the top; an ended conversation leaves the board. */
  add(view) {
    show(this.#section);
    this.#cards.get(view.conversationId)?.remove();
    this.#cards.delete(view.conversationId);
    const status = String(view.status).toLowerCase();
    if (status !== 'ended') {
      const who = view.supporter
        ? `With ${view.supporter.displayName}`
        : status === 'waiting' ? `Waiting for a crisis-trained supporter${view.queuePosition ? ` (number ${view.queuePosition})` : ''}` : 'With the AI only';
      const card = el('article', { class: 'card red-flag' },
        el('h3', {}, el('span', {}, who), el('span', { class: 'hint' }, `since ${formatTime(view.startedAt)}`)),
        badges(view.themes ?? [], view.risk, view.trend));
      this.#cards.set(view.conversationId, card);
      byId('board-list').prepend(card);
      if (!view.supporter) beep(true);
    }
    show(byId('board-empty'), this.#cards.size === 0);
  }

  /** Any conversation changed: those on the board follow. */
  follow(view) {
    if (this.#cards.has(view.conversationId)) this.add(view);
  }
}
