// A returning person's own chats: the list (when each started and ended, and where it stands), each readable again
// word for word. Ended chats are read-only; an open one can be carried on.
import { byId, show, fill, el, formatTime, formatDateTime } from '../dom.js';
import { hubRefusal } from '../hub.js';
import { renderParts } from '../parts.js';

/* global signalR -- the browser bundle, loaded by a classic script before the modules */

const statusWords = { ai: 'Open', waiting: 'Waiting for a person', peer: 'Open, with a person', ended: 'Ended' };

const senderWords = (message) => ({
  seeker: 'You', ai: 'StoriBoard (automatic reply)', supporter: message.senderName || 'Peer supporter',
  supervisor: `${message.senderName || 'A supervisor'}, supervisor`,
})[String(message.sender).toLowerCase()] ?? null;

/**
 * - token(): the person's bearer token
 * - showOnly(id): shows one screen of the page
 * - onContinue(conversationId), onNewChat(), onErased(): where the page goes next
 * - handlers, onConnected(): the plan's and check-in's events, and what to fetch once connected
 */
export function pastChats({ token, showOnly, onContinue, onNewChat, onErased, handlers = {}, onConnected = () => {} }) {
  const list = byId('past-list');
  const reading = byId('past-reading');
  const status = byId('past-status');
  let connection = null;

  async function connect() {
    if (connection) return connection;
    connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/seeker', { accessTokenFactory: token })
      .configureLogging(signalR.LogLevel.None)
      .build();
    for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
    await connection.start();
    onConnected();
    return connection;
  }

  function close() {
    connection?.stop().catch(() => {});
    connection = null;
  }

  async function open() {
    showOnly('past');
    show(reading, false);
    list.replaceChildren();
    status.textContent = 'Looking for your chats…';
    byId('past-title').focus();
    try {
      const chats = await (await connect()).invoke('MyConversations');
      status.textContent = chats.length === 0
        ? 'Welcome back. There are no earlier chats kept for you, but you can start a new one.'
        : `Welcome back. ${chats.length === 1 ? 'One chat is' : `${chats.length} chats are`} kept for you.`;
      for (const chat of chats) list.append(entry(chat));
    } catch (error) {
      status.textContent = hubRefusal(error)?.message ?? 'We could not fetch your chats just now. Please try again in a moment.';
    }
  }

  function entry(chat) {
    const state = String(chat.status).toLowerCase();
    const ended = state === 'ended';
    return el('li', { class: 'past-chat', 'data-conversation-id': chat.conversationId },
      el('p', {},
        el('strong', {}, `Started ${formatDateTime(chat.startedAt)}`),
        ended && chat.endedAt ? `, ended ${formatDateTime(chat.endedAt)}` : '',
        ' – ', statusWords[state] ?? state),
      ended
        ? el('button', { type: 'button', onclick: () => read(chat) }, 'Read this chat')
        : el('button', { type: 'button', onclick: () => { close(); onContinue(chat.conversationId); } }, 'Carry on with this chat'));
  }

  async function read(chat) {
    const messages = byId('past-messages');
    messages.replaceChildren();
    byId('past-reading-title').textContent = `Your chat of ${formatDateTime(chat.startedAt)} (read only)`;
    show(reading);
    try {
      let after = 0;
      for (;;) {
        const page = await (await connect()).invoke('History', chat.conversationId, after);
        for (const message of page) messages.append(render(message));
        if (page.length === 0) break;
        after = page[page.length - 1].seq;
      }
      byId('past-reading-title').focus();
    } catch (error) {
      messages.append(el('li', { class: 'message from-system notice' },
        el('p', { class: 'text' }, hubRefusal(error)?.message ?? 'We could not open this chat just now.')));
    }
  }

  function render(message) {
    const sender = String(message.sender).toLowerCase();
    const label = senderWords(message);
    const body = sender === 'ai' && message.parts?.length
      ? renderParts(message.parts, { fold: true })
      : el('p', { class: 'text' }, message.text);
    return el('li', { class: `message from-${sender}`, 'data-message-id': message.messageId },
      label ? el('p', { class: 'sender' }, label, ' ', el('time', { datetime: message.sentAt }, formatTime(message.sentAt))) : null,
      body);
  }

  byId('past-close-reading').addEventListener('click', () => show(reading, false));
  byId('past-new-chat').addEventListener('click', () => {
    close();
    onNewChat();
  });
  byId('past-delete').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      close();
      const response = await fetch('/api/me', { method: 'DELETE', headers: { Authorization: `Bearer ${token()}` } });
      if (!response.ok && response.status !== 404) throw new Error(`status ${response.status}`);
      list.replaceChildren();
      byId('past-messages').replaceChildren();
      show(reading, false);
      onErased();
      fill(status, 'Your conversations, messages, plan, check-ins and ways back have been erased.');
    } catch {
      status.textContent = 'We could not delete your data just now. Please try again in a moment.';
    } finally {
      button.disabled = false;
    }
  });

  return { open, close, connection: () => connection };
}
