// One open chat: its tab, the transcript with each message's analysis and what the AI already
// suggested, the reply box, and ending with a private note.
import { el, show, fill, formatTime, followNewest } from '../dom.js';
import { Transcript } from '../transcript.js';
import { renderParts } from '../parts.js';
import { themeLabel, riskId, isRedFlag, kindLabel, riskLevels } from '../labels.js';
import { badges, handoffDetails } from './analysis.js';
import { hubRefusal } from '../hub.js';

export class Chat {
  unread = 0;
  ended = false;
  #handoff = null; // { handoff, card }: the card shown, kept across updates so it stays as the supporter left it

  /**
   * view: the ConversationView known so far (at least its conversationId).
   * number: names the chat on its tab ("Chat 2") and keeps its element ids apart.
   * me: the supporter's own line (me.view), for "You" and the red-flag wording.
   * onReply(text) → the clientMessageId it was queued with; onEnd(note); onSelect(); onTabKey(event);
   * onSetRisk(level, reason) → a promise of the updated ConversationView (rejected with the server's refusal).
   */
  constructor(view, number, { me, announce, onReply, onEnd, onSelect, onTabKey, onSetRisk }) {
    this.view = view;
    this.number = number;
    this.me = me;
    this.announce = announce;

    this.tab = el('button', {
      type: 'button', role: 'tab', id: `tab-${number}`, 'aria-controls': `panel-${number}`,
      'aria-selected': 'false', tabindex: '-1',
    });
    const list = el('ol', { class: 'messages', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': `Chat ${number} messages` });
    this.reply = el('textarea', { rows: '2', maxlength: '4000', id: `reply-${number}`, autocomplete: 'off' });
    this.composer = el('form', { class: 'composer' },
      el('label', { for: `reply-${number}`, class: 'visually-hidden' }, 'Your reply'), this.reply,
      el('button', { type: 'submit', class: 'primary' }, 'Send'));
    const endButton = el('button', { type: 'button', class: 'danger' }, 'End chat…');
    const note = el('textarea', { rows: '3', id: `note-${number}` });
    const endForm = el('form', { class: 'end-note', hidden: true },
      el('label', { for: `note-${number}` }, 'Private note (kept with the conversation for you and your supervisors; the person never sees it)'),
      note,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary' }, 'End chat'),
        el('button', { type: 'button', onclick: () => { show(endForm, false); show(endButton); endButton.focus(); } }, 'Cancel')));
    this.analysis = el('div'); // the red-flag alert and the badges, redrawn on every update
    this.header = el('div', { class: 'chat-header' }, this.analysis);
    const riskForm = riskControl(number, onSetRisk, (view) => this.update(view), announce);
    // Ending and changing the risk share one row under the reply box, so the transcript keeps the height.
    this.panel = el('section', {
      class: 'chat-panel', role: 'tabpanel', id: `panel-${number}`, 'aria-labelledby': `tab-${number}`, hidden: true,
    }, this.header, list, this.composer, el('div', { class: 'actions' }, endButton, riskForm), endForm);

    this.showNewest = followNewest(list, list, { own: '.from-supporter' });
    this.transcript = new Transcript(list, { render: (message) => this.#render(message), renderPending });

    this.tab.addEventListener('click', onSelect);
    this.tab.addEventListener('keydown', onTabKey);
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = this.reply.value.trim();
      if (!typed || this.ended) return;
      this.reply.value = '';
      this.transcript.addPending(onReply(typed), typed);
      this.showNewest();
    });
    this.reply.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.composer.requestSubmit();
      }
    });
    endButton.addEventListener('click', () => {
      show(endButton, false);
      show(endForm);
      note.focus();
    });
    endForm.addEventListener('submit', (event) => {
      event.preventDefault();
      onEnd(note.value.trim());
    });

    this.update(view);
  }

  get conversationId() {
    return this.view.conversationId;
  }

  /** Takes in a newer ConversationView; pushes may carry less than Accept did (no hand-off card), so what is missing is kept. */
  update(view) {
    this.view = { ...this.view, ...Object.fromEntries(Object.entries(view).filter(([, v]) => v !== null && v !== undefined)) };
    const current = this.view;
    const red = isRedFlag(current.risk);
    const supervisor = String(this.me.view?.role ?? '').toLowerCase() === 'supervisor';
    const status = String(current.status ?? '').toLowerCase();

    this.tab.classList.toggle('red-flag', red);
    fill(this.tab,
      red ? '⚠ ' : '',
      `Chat ${this.number}`,
      current.themes?.length ? ` · ${themeLabel(current.themes[0])}` : '',
      status === 'ended' ? ' (ended)' : '',
      this.unread ? el('span', { class: 'unread', 'aria-label': `${this.unread} unread` }, String(this.unread)) : null);

    fill(this.analysis,
      red ? el('p', { class: 'crisis' }, el('strong', {}, `Red flag (${riskId(current.risk)}${current.kind ? `, ${kindLabel(current.kind)}` : ''}).`),
        supervisor
          ? ' The person has been shown crisis lines, and this chat is on the supervisors\' red-flag board. '
          : ' The person has been shown crisis lines and your supervisor has been alerted. ',
        supervisor || this.me.view?.crisisTrained
          ? `Follow the crisis protocol${supervisor ? '' : '; ask your supervisor to join if you need them'}.`
          : 'A supporter trained for crisis conversations is being found to take over: stay with the person until they join.') : null,
      badges(current.themes ?? [], current.risk, current.trend));
    this.#showHandoff(current.handoff);

    if (status === 'ended' && !this.ended) {
      this.ended = true;
      for (const control of this.composer.elements) control.disabled = true;
      // Steps are made together in a chat: an ended one takes no more suggestions.
      for (const form of this.panel.querySelectorAll('form.plan-add')) for (const control of form.elements) control.disabled = true;
      this.transcript.list.append(el('li', { class: 'message from-system' }, el('p', { class: 'text' }, 'The chat has ended.')));
      this.announce(`Chat ${this.number} has ended.`);
    }
  }

  select(selected) {
    this.tab.setAttribute('aria-selected', String(selected));
    this.tab.tabIndex = selected ? 0 : -1;
    show(this.panel, selected);
    if (!selected) return;
    this.showNewest();
    if (this.unread) this.setUnread(0);
  }

  setUnread(count) {
    this.unread = count;
    this.update({});
  }

  focusReply() {
    this.reply.focus();
  }

  remove() {
    this.tab.remove();
    this.panel.remove();
  }

  /**
   * The card was read in full on the offer: in the chat it folds to its summary line, so the transcript gets the
   * room. Rebuilt only when a newer card arrives, keeping it open if the supporter had opened it.
   */
  #showHandoff(handoff) {
    if (!handoff || handoff === this.#handoff?.handoff) return;
    const card = handoffDetails(handoff, { open: this.#handoff?.card.open ?? false });
    if (this.#handoff) this.#handoff.card.replaceWith(card);
    else this.header.append(card);
    this.#handoff = { handoff, card };
  }

  #render(message) {
    const sender = String(message.sender).toLowerCase();
    const red = sender === 'seeker' && isRedFlag(message.analysis?.risk);
    const label = {
      seeker: 'Help-seeker',
      ai: 'AI reply (already shown to them)',
      supporter: message.senderName === this.me.view?.displayName ? 'You' : (message.senderName || 'Supporter'),
      supervisor: message.whisper
        ? `Whisper from ${message.senderName} (only you can see this)`
        : `${message.senderName}, supervisor (seen by the person too)`,
    }[sender];
    const body = sender === 'ai' && message.parts?.length ? renderParts(message.parts) : el('p', { class: 'text' }, message.text);
    return el('li', { class: `message from-${sender}${red ? ' red-flag' : ''}${message.whisper ? ' whisper' : ''}` },
      label ? el('p', { class: 'sender' }, label, ' ', el('time', { datetime: message.sentAt }, formatTime(message.sentAt))) : null,
      body,
      sender === 'seeker' && message.analysis ? badges(message.analysis.themes ?? [], message.analysis.risk) : null);
  }
}

/**
 * "Change risk…": after speaking with the person, a supporter (or a supervisor) raises or lowers the risk with a
 * reason; the server decides who may, and says why not.
 */
function riskControl(number, onSetRisk, onChanged, announce) {
  const level = el('select', { id: `risk-level-${number}` }, riskLevels.map((id) => el('option', { value: id }, id)));
  const reason = el('input', { id: `risk-reason-${number}`, type: 'text', maxlength: '500', required: true, autocomplete: 'off' });
  const status = el('p', { class: 'status', role: 'status' });
  const form = el('form', { class: 'risk-form' },
    el('label', { for: `risk-level-${number}` }, 'Risk'), level,
    el('label', { for: `risk-reason-${number}` }, 'Why (kept with the conversation)'), reason,
    el('button', { type: 'submit' }, 'Set risk'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      onChanged(await onSetRisk(level.value, reason.value.trim()));
      reason.value = '';
      status.textContent = `Risk set to ${level.value}.`;
      announce(`Risk set to ${level.value}.`);
    } catch (error) {
      status.textContent = hubRefusal(error)?.message ?? 'Not connected: the risk was not changed. Try again when the connection is back.';
    }
  });
  return el('details', { class: 'risk-change' }, el('summary', {}, 'Change risk…'), form);
}

function renderPending(text) {
  return el('li', { class: 'message from-supporter pending' },
    el('p', { class: 'sender' }, 'You ', el('span', { class: 'status' }, 'sending…')),
    el('p', { class: 'text' }, text));
}
