// The open chats as tabs: opening one (accepted, pushed, or kept from before a reload), moving
// between them by mouse or keyboard, unread counts, replies through the outbox, ending, and
// catching up after every reconnect.
import { byId, show } from '../dom.js';
import { hubRefusal } from '../hub.js';
import { Outbox, catchUp } from '../transcript.js';
import { isRedFlag } from '../labels.js';
import { Chat } from './chat.js';
import { beep } from './sound.js';

export class Chats {
  #chats = new Map(); // conversationId → Chat, in tab order
  #selected = null; // the conversationId whose tab is open
  #opened = 0; // numbers the chats of this page: Chat 1, Chat 2, …
  #outbox;

  constructor({ server, session, me, title, announce, onOpen }) {
    this.server = server;
    this.onOpen = onOpen;
    this.session = session;
    this.me = me;
    this.title = title;
    this.announce = announce;
    this.#outbox = new Outbox(server, {
      onStored: (message) => this.#chats.get(message.conversationId)?.transcript.add(message),
      onRefused: (item, refusal) => this.#chats.get(item.conversationId)?.transcript.markRefused(item.clientMessageId, refusal.message),
      onRetrying: (item) => this.#chats.get(item.conversationId)?.transcript.markRetrying(item.clientMessageId),
    });
    // Messages that came while the window was hidden count as unread until it is seen again.
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.#chats.get(this.#selected)?.unread) this.select(this.#selected);
    });
  }

  /** The chats this tab had open before a reload. */
  restore() {
    for (const conversationId of [...this.session.chats]) this.open({ conversationId }, false);
  }

  open(view, select) {
    const existing = this.#chats.get(view.conversationId);
    if (existing) {
      existing.update(view);
      if (select) this.select(view.conversationId);
      return existing;
    }

    this.#opened += 1;
    const { conversationId } = view;
    const chat = new Chat(view, this.#opened, {
      me: this.me,
      announce: this.announce,
      onReply: (text) => this.#outbox.send(conversationId, text),
      onEnd: (note) => this.#end(chat, note),
      onSetRisk: (level, reason) => this.server.invoke('SetRisk', conversationId, level, reason),
      onSelect: () => this.select(conversationId),
      onTabKey: (event) => this.#moveBetweenTabs(event, conversationId),
    });
    this.#chats.set(conversationId, chat);
    byId('tabs').append(chat.tab);
    byId('panels').append(chat.panel);
    this.onOpen?.(conversationId, chat.panel);
    this.#changed();
    if (select || !this.#selected) this.select(conversationId);
    if (this.server.isConnected) catchUp(this.server, conversationId, chat.transcript).catch(() => {});
    return chat;
  }

  select(conversationId) {
    this.#selected = conversationId;
    for (const [id, chat] of this.#chats) chat.select(id === conversationId);
    this.#countUnread();
  }

  /**
   * A Message event. The gateway only sends a supporter the conversations assigned to them, so an
   * unknown one is a chat this tab has not shown yet (after a reload, or accepted in another tab).
   */
  receive(message) {
    const chat = this.#chats.get(message.conversationId) ?? this.open({ conversationId: message.conversationId }, false);
    if (!chat.transcript.add(message)) return;
    if (chat.transcript.hasGap) catchUp(this.server, message.conversationId, chat.transcript).catch(() => {});
    const fromThem = String(message.sender).toLowerCase() === 'seeker';
    if (fromThem && (this.#selected !== message.conversationId || document.hidden)) {
      chat.setUnread(chat.unread + 1);
      this.#countUnread();
      beep(isRedFlag(message.analysis?.risk));
    }
  }

  /** An Analysis event: a message delivered before it was judged, now with its badges. */
  analysed(message) {
    const chat = this.#chats.get(message.conversationId);
    if (chat && !chat.transcript.replace(message)) this.receive(message);
  }

  /**
   * A Conversation event: the chat's status, risk or supporter changed. "Ended" with no end time is a chat that goes
   * on with someone else (taken over or reassigned): it leaves this desk's list, with a notice of who has it now.
   */
  update(view) {
    const chat = this.#chats.get(view.conversationId);
    if (!chat) return;
    if (String(view.status).toLowerCase() === 'ended' && !view.endedAt && !chat.ended) this.#handedOver(chat);
    else chat.update(view);
  }

  #handedOver(chat) {
    const who = [...chat.transcript.list.querySelectorAll('.from-system .text')].map((p) => p.textContent)
      .findLast((text) => text.includes('taking over from'));
    const notice = `Chat ${chat.number} is now with someone else and has left your list.${who ? ` ${who}` : ''} The person is still being supported.`;
    this.#close(chat);
    const shown = byId('handed-over');
    shown.textContent = notice;
    show(shown);
    this.announce(notice);
  }

  /** After every connect: fetch what each chat missed, then send the replies that waited. */
  async resume() {
    for (const chat of this.#chats.values()) await this.#resume(chat);
    await this.#outbox.flush();
  }

  async #resume(chat) {
    const { conversationId } = chat;
    try {
      chat.update(await this.server.invoke('View', conversationId));
      await catchUp(this.server, conversationId, chat.transcript);
    } catch (error) {
      const refusal = hubRefusal(error);
      if (!['forbidden', 'not_found'].includes(refusal?.code)) throw error;
      // No longer this desk's chat (taken over by a crisis-trained supporter, or erased): it is over here.
      chat.update({ conversationId, status: 'ended' });
    }
  }

  /** The tabs pattern: arrow keys, Home and End move between chats; Tab goes into the chat. */
  #moveBetweenTabs(event, conversationId) {
    const ids = [...this.#chats.keys()];
    const at = ids.indexOf(conversationId);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = ids[(to + ids.length) % ids.length];
    this.select(next);
    this.#chats.get(next).tab.focus();
  }

  async #end(chat, note) {
    try {
      await this.server.invoke('End', chat.conversationId, note || null);
    } catch (error) {
      if (!hubRefusal(error)) {
        this.announce('Not connected: the chat was not ended. Try again when the connection is back.');
        return;
      }
      // Already ended by the person: nothing left to end, so the tab can close anyway.
    }
    this.#close(chat);
  }

  #close(chat) {
    const ids = [...this.#chats.keys()];
    chat.remove();
    this.#chats.delete(chat.conversationId);
    this.#changed();
    this.announce(`Chat ${chat.number} closed.`);
    if (this.#selected === chat.conversationId) {
      this.#selected = null;
      const neighbour = ids[ids.indexOf(chat.conversationId) - 1] ?? [...this.#chats.keys()][0];
      if (neighbour) {
        this.select(neighbour);
        this.#chats.get(neighbour).tab.focus();
      }
    }
    this.#countUnread();
  }

  #changed() {
    this.session.chats = [...this.#chats.keys()];
    this.session.save();
    show(byId('no-chats'), this.#chats.size === 0);
  }

  #countUnread() {
    let unread = 0;
    for (const chat of this.#chats.values()) unread += chat.unread;
    this.title.set('unread', unread);
  }
}
