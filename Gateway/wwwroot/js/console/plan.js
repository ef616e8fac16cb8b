// The person's plan inside each chat: the steps made together (theirs accepted at once, a supporter's waiting for
// them), and a box to suggest a step in the person's own words.
import { el, fill } from '../dom.js';
import { hubRefusal } from '../hub.js';

const progressWords = { open: '', done: 'done', not_yet: 'not yet', changed: 'changed' };

export function stepLine(step) {
  const words = progressWords[step.progress];
  return el('li', { class: 'plan-step', 'data-step': step.stepId },
    step.text, step.when ? ` – ${step.when}` : '',
    step.accepted ? '' : ' (suggested, waiting for them to accept)',
    words ? ` (${words})` : '');
}

export class Plans {
  #boxes = new Map(); // conversationId → { list, status }

  constructor({ server }) {
    this.server = server;
  }

  /** Adds the plan box to a chat's panel and reads the plan it has so far. */
  attach(conversationId, panel) {
    const list = el('ol', { class: 'plan-steps' });
    const status = el('p', { class: 'status', role: 'status' });
    const text = el('input', { maxlength: '200', autocomplete: 'off', 'aria-label': 'A step, in the person’s words' });
    const when = el('input', { maxlength: '80', autocomplete: 'off', 'aria-label': 'When (optional)', placeholder: 'when (optional)' });
    const form = el('form', { class: 'plan-add', onsubmit: async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      try {
        this.show(await this.server.invoke('ProposePlanStep', conversationId, text.value, when.value || null), conversationId);
        text.value = '';
        when.value = '';
        status.textContent = 'Suggested: it joins the plan when they accept it.';
      } catch (error) {
        status.textContent = hubRefusal(error)?.message ?? 'The step could not be added just now.';
      }
    } }, text, when, el('button', { type: 'submit' }, 'Suggest step'));
    // Folded like the hand-off card, so the transcript keeps the room; the summary says how many steps there are.
    const summary = el('summary', {}, el('strong', {}, 'Their plan'));
    this.#boxes.set(conversationId, { list, status, summary });
    panel.append(el('details', { class: 'chat-plan' }, summary, list, form, status));
    if (this.server.isConnected) {
      this.server.invoke('Plan', conversationId).then((view) => this.show(view, conversationId)).catch(() => {});
    }
  }

  show(view, conversationId = view.conversationId) {
    const box = this.#boxes.get(conversationId);
    if (!box) return;
    fill(box.list, view.steps.length ? view.steps.map(stepLine) : el('li', { class: 'empty' }, 'No steps yet.'));
    const waiting = view.steps.filter((s) => !s.accepted).length;
    fill(box.summary, el('strong', {}, 'Their plan'), ` (${view.steps.length} of 5 steps${waiting ? `, ${waiting} waiting for them` : ''})`);
    if (view.madeWith && view.followUp === true) box.status.textContent = 'They let you follow this plan: see People I support.';
  }
}
