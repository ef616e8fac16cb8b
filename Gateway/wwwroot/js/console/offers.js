// Chat offers: each with its countdown, analysis, reasons and hand-off card, a tone when it
// arrives, a count in the title bar, and Accept or Decline.
import { el, byId, show } from '../dom.js';
import { hubRefusal } from '../hub.js';
import { themeLabel, riskLabel, isRedFlag } from '../labels.js';
import { badges, handoffDetails } from './analysis.js';
import { beep } from './sound.js';

export class Offers {
  #offers = new Map(); // offerId → { view, card, countdown }

  /** onAccepted(conversation): the ConversationView of an accepted offer, with its hand-off card. */
  constructor({ server, title, announce, onAccepted }) {
    this.server = server;
    this.title = title;
    this.announce = announce;
    this.onAccepted = onAccepted;
    setInterval(() => this.#tick(), 1000);
  }

  add(view) {
    if (this.#offers.has(view.offerId)) return;
    const red = isRedFlag(view.risk);
    const accept = el('button', { type: 'button', class: 'primary' }, 'Accept');
    const decline = el('button', { type: 'button' }, 'Decline');
    const countdown = el('span', { class: 'countdown' });
    const titleId = `offer-${view.offerId}`;
    const card = el('article', { class: `card offer${red ? ' red-flag' : ''}`, 'aria-labelledby': titleId },
      el('h3', {}, el('span', { id: titleId }, red ? 'Red flag – chat offer' : 'Chat offer'), countdown),
      badges(view.themes, view.risk),
      view.reasons?.length ? [el('p', { class: 'hint' }, 'Why you:'), el('ul', { class: 'reasons' }, view.reasons.map((r) => el('li', {}, r)))] : null,
      // The card's first line is the same summary: shown once.
      view.handoff ? handoffDetails(view.handoff) : el('p', {}, view.summary),
      el('div', { class: 'actions' }, accept, decline));

    accept.addEventListener('click', () => this.#accept(view));
    decline.addEventListener('click', () => this.#decline(view));
    this.#offers.set(view.offerId, { view, card, countdown });
    byId('offers').prepend(card);
    this.#tick();
    this.#changed();
    beep(red);
    this.announce(`New ${red ? 'red-flag ' : ''}chat offer: ${riskLabel(view.risk)}, ${view.themes.map(themeLabel).join(', ') || 'no themes yet'}.`);
  }

  /** Takes an offer off the desk, saying why when the supporter did not choose it. */
  remove(offerId, why) {
    const offer = this.#offers.get(offerId);
    if (!offer) return;
    offer.card.remove();
    this.#offers.delete(offerId);
    if (why) this.announce(why);
    this.#changed();
  }

  async #accept(view) {
    let conversation;
    try {
      conversation = await this.server.invoke('Accept', view.offerId);
    } catch (error) {
      this.remove(view.offerId, hubRefusal(error)?.message ?? 'The offer could not be accepted.');
      return;
    }
    this.remove(view.offerId);
    this.onAccepted({ ...conversation, handoff: conversation.handoff ?? view.handoff });
  }

  async #decline(view) {
    try {
      await this.server.invoke('Decline', view.offerId);
    } catch {
      // Declining an offer that has already gone is the same as declining it.
    }
    this.remove(view.offerId);
  }

  #tick() {
    const now = Date.now();
    for (const [offerId, offer] of this.#offers) {
      const left = Math.round((Date.parse(offer.view.expiresAt) - now) / 1000);
      if (left <= 0) {
        this.remove(offerId, 'An offer expired.');
        continue;
      }
      offer.countdown.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
      offer.countdown.classList.toggle('soon', left <= 10);
    }
  }

  #changed() {
    show(byId('no-offers'), this.#offers.size === 0);
    this.title.set('offers', this.#offers.size);
  }
}
