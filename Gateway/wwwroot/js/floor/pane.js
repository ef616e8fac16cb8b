// One conversation on the floor: its whole transcript (every read is audited), live messages once
// joined, and what a supervisor can do: join and leave, whisper to the supporter, take over,
// reassign to a free supporter, and change the risk with a reason. A refusal shows the hub's words.
import { el, byId, fill, show, formatTime } from '../dom.js';

const senderWords = { seeker: 'Person', ai: 'AI', supporter: 'Supporter', system: 'Notice', supervisor: 'Supervisor' };

export class Pane {
  #conversationId = null;
  #floor = null; // the latest floor, to say where the open conversation stands
  #seen = new Set(); // message ids shown, so a push and a transcript read never show one twice

  constructor({ server, announce, refusal }) {
    this.server = server;
    this.announce = announce;
    this.refusal = refusal;
    byId('pane-close').addEventListener('click', () => this.close());
    const act = (id, method, done) => byId(id).addEventListener('click', () => this.#call(method, [], done));
    act('pane-join', 'Join', 'You have joined the chat.');
    act('pane-leave', 'Leave', 'You have left the chat.');
    act('pane-take-over', 'TakeOver', 'You have taken over the chat.');
    this.#form('pane-send-form', () => ['Send', [crypto.randomUUID(), this.#text('pane-send')], 'Sent.']);
    this.#form('pane-whisper-form', () => ['Whisper', [crypto.randomUUID(), this.#text('pane-whisper')], 'Whispered to the supporter.']);
    this.#form('pane-reassign-form', () => ['Reassign', [byId('pane-reassign').value], 'Reassigned.']);
    this.#form('pane-risk-form', () => ['SetRisk', [byId('pane-risk').value, byId('pane-risk-reason').value.trim()], 'The risk is changed.']);
  }

  async open(conversationId, label) {
    this.#conversationId = conversationId;
    this.#seen.clear();
    fill(byId('pane-transcript'));
    byId('pane-error').textContent = '';
    byId('pane-title').textContent = `Conversation: ${label}`;
    if (this.#floor) this.floorChanged(this.#floor);
    show(byId('pane'));
    byId('pane-title').focus();
    try {
      const messages = await this.server.invoke('Transcript', conversationId);
      if (this.#conversationId === conversationId) messages.forEach((m) => this.receive(m));
    } catch (error) {
      this.#refused(error);
    }
  }

  close() {
    this.#conversationId = null;
    show(byId('pane'), false);
  }

  /** A Message event: shown when it belongs to the open conversation. */
  receive(message) {
    if (message.conversationId !== this.#conversationId || this.#seen.has(message.messageId)) return;
    this.#seen.add(message.messageId);
    const who = message.senderName && message.sender !== 'system' ? `${senderWords[message.sender] ?? message.sender} (${message.senderName})` : senderWords[message.sender] ?? message.sender;
    byId('pane-transcript').append(el('li', { class: message.whisper ? 'whisper' : null, 'data-sender': message.sender },
      el('span', { class: 'hint' }, `${formatTime(message.sentAt)} ${who}${message.whisper ? ', whispered' : ''}: `),
      message.text));
  }

  conversationChanged(view) {
    if (view.conversationId !== this.#conversationId) return;
    byId('pane-summary').textContent = `Status ${view.status}, risk ${view.risk}${view.supporter ? `, with ${view.supporter.displayName}` : ''}.`;
  }

  /** The floor changed: what it says of the open conversation, and who is free to reassign to. */
  floorChanged(floor) {
    this.#floor = floor;
    const id = this.#conversationId;
    const select = byId('pane-reassign');
    const chosen = select.value;
    fill(select, floor.supporters.filter((s) => s.state === 'free').map((s) =>
      el('option', { value: s.supporterId, selected: s.supporterId === chosen }, `${s.displayName}${s.crisisTrained ? ' (crisis-trained)' : ''}`)));
    if (!id) return;
    const chat = floor.chats.find((c) => c.conversationId === id);
    const flag = floor.redFlags.conversations.find((c) => c.conversationId === id);
    const waiting = floor.waiting.conversations.find((c) => c.conversationId === id);
    byId('pane-summary').textContent = chat ? `In a chat with ${chat.supporter}, risk ${chat.risk}, ${chat.trend}.`
      : flag ? `Red flag (${flag.risk}), ${flag.supporter ? `with ${flag.supporter}` : 'nobody yet'}.`
      : waiting ? `Waiting, risk ${waiting.risk}.`
      : 'No longer on the floor: the conversation may have ended.';
  }

  #text(id) {
    return byId(id).value;
  }

  #form(id, call) {
    byId(id).addEventListener('submit', (event) => {
      event.preventDefault();
      const [method, args, done] = call();
      this.#call(method, args, done, event.target);
    });
  }

  async #call(method, args, done, form = null) {
    const id = this.#conversationId;
    if (!id) return;
    byId('pane-error').textContent = '';
    try {
      const answer = await this.server.invoke(method, id, ...args);
      if (answer?.messageId) this.receive(answer);
      form?.reset();
      this.announce(done);
    } catch (error) {
      this.#refused(error);
    }
  }

  #refused(error) {
    const refusal = this.refusal(error);
    byId('pane-error').textContent = refusal?.message ?? 'That did not reach the helpline; please try again.';
  }
}
