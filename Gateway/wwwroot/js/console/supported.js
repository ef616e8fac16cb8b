// "People I support": the people who let this supporter follow their plan, with each step's progress, the moods they
// gave at check-ins, and a short note of encouragement for their next check-in. Nothing shows without their consent.
import { el, fill, byId } from '../dom.js';
import { hubRefusal } from '../hub.js';
import { stepLine } from './plan.js';

const maxNote = 500;

export class SupportedPeople {
  constructor({ server }) {
    this.server = server;
    this.list = byId('supported-list');
    this.asked = 0;
    byId('supported-refresh').addEventListener('click', () => this.refresh());
  }

  /** Only the newest answer is drawn: one asked for before a later refresh or a note left would show an older list. */
  async refresh() {
    const asked = ++this.asked;
    try {
      const people = await this.server.invoke('PeopleISupport');
      if (asked === this.asked) this.draw(people);
    } catch (error) {
      if (asked === this.asked) {
        fill(this.list, el('p', { class: 'error' }, hubRefusal(error)?.message ?? 'The list could not be read just now.'));
      }
    }
  }

  /** Refreshed by itself, but never over a note being written. */
  refreshUnlessWriting() {
    if ([...this.list.querySelectorAll('textarea')].some((note) => note.value.trim())) return;
    this.refresh();
  }

  draw(people) {
    // A list asked for before the supporter began a note can arrive while they type: what they wrote is kept.
    const drafts = new Map([...this.list.querySelectorAll('article.supported-person')]
      .map((article) => [article.dataset.person, article.querySelector('textarea').value]));
    fill(this.list, people.length
      ? people.map((person, i) => this.#person(person, i + 1, drafts.get(person.personId) ?? ''))
      : el('p', { class: 'empty' }, 'Nobody yet. When someone you chat with makes a plan and lets you follow it, they show here.'));
  }

  #person(person, number, draft) {
    const note = el('textarea', { rows: '2', maxlength: String(maxNote), 'aria-label': `A note for person ${number}'s next check-in` });
    note.value = draft;
    const status = el('p', { class: 'status', role: 'status' }, person.note ? `Waiting for their next check-in: “${person.note}”` : '');
    const form = el('form', { class: 'note-form', onsubmit: async (event) => {
      event.preventDefault();
      if (!note.value.trim()) return;
      // A list read before the note is stored would be drawn over this one without it, and take this status with it:
      // lists already on their way are dropped, and so are any asked for while the note is being stored.
      this.asked++;
      try {
        const view = await this.server.invoke('LeaveEncouragement', person.personId, note.value);
        this.asked++;
        note.value = '';
        status.textContent = `Waiting for their next check-in: “${view.note}”`;
      } catch (error) {
        status.textContent = hubRefusal(error)?.message ?? 'The note could not be left just now.';
      }
    } }, note, el('button', { type: 'submit' }, 'Leave a note for their next check-in'));
    const moods = person.moods.slice(-7).map((m) => `${m.mood}/5 on ${new Date(m.at).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })}`);
    return el('article', { class: 'supported-person panel', 'data-person': person.personId },
      el('h3', {}, `Person ${number}`),
      el('ol', { class: 'plan-steps' }, person.steps.map(stepLine)),
      el('p', { class: 'moods' }, moods.length ? `Check-in moods: ${moods.join(', ')}` : 'No check-in answered yet.'),
      form, status);
  }
}
