// One conversation's messages on screen: each stored message once, in seq order, whatever
// mix of live pushes, history catch-up and echoes of our own sends delivers it.
import { hubRefusal } from './hub.js';

export class Transcript {
  /**
   * list: the element the messages go in.
   * render(message): builds the element for a stored message.
   * renderPending(text): builds the element for a message typed here and not yet stored.
   */
  constructor(list, { render, renderPending }) {
    this.list = list;
    this.render = render;
    this.renderPending = renderPending;
    this.byMessageId = new Map();
    this.pendingByClientId = new Map();
    this.seqs = new Set();
    /** Every seq up to this one is on screen: history catch-up asks for what comes after it. */
    this.lastSeq = 0;
    this.maxSeq = 0;
  }

  /** Adds a stored message; returns false when it was already shown. */
  add(message) {
    if (this.byMessageId.has(message.messageId)) return false;
    const element = this.render(message);
    element.dataset.seq = message.seq;
    element.dataset.messageId = message.messageId;

    const pending = message.clientMessageId && this.pendingByClientId.get(message.clientMessageId);
    if (pending) {
      pending.remove();
      this.pendingByClientId.delete(message.clientMessageId);
    }
    this.list.insertBefore(element, this.firstElementAfter(message.seq));

    this.byMessageId.set(message.messageId, element);
    this.seqs.add(message.seq);
    this.maxSeq = Math.max(this.maxSeq, message.seq);
    while (this.seqs.has(this.lastSeq + 1)) this.lastSeq += 1;
    return true;
  }

  /** Shows a newer version of a message already on screen (its analysis arrived); false when it is not shown yet. */
  replace(message) {
    const shown = this.byMessageId.get(message.messageId);
    if (!shown) return false;
    const element = this.render(message);
    element.dataset.seq = message.seq;
    element.dataset.messageId = message.messageId;
    shown.replaceWith(element);
    this.byMessageId.set(message.messageId, element);
    return true;
  }

  /** The server answered every seq up to this one: holes below it hold nothing for this side. */
  settle(answeredTo) {
    this.lastSeq = Math.max(this.lastSeq, answeredTo);
    while (this.seqs.has(this.lastSeq + 1)) this.lastSeq += 1;
  }

  /** True when a message arrived beyond a hole in the seqs, so history should fill the hole. */
  get hasGap() {
    return this.maxSeq > this.lastSeq;
  }

  /** A note from the page (such as who joined) stays after the messages already shown and before later ones. */
  addNote(element) {
    const position = this.maxSeq + 0.5;
    element.dataset.seq = position;
    this.list.insertBefore(element, this.firstElementAfter(position));
  }

  /** Shows a message typed here at the end, marked as sending, until its stored copy arrives. */
  addPending(clientMessageId, text) {
    const element = this.renderPending(text);
    element.dataset.clientMessageId = clientMessageId;
    this.list.append(element);
    this.pendingByClientId.set(clientMessageId, element);
  }

  /** The server could not store it just now (a fault, not a refusal): it stays, and is sent again. */
  markRetrying(clientMessageId) {
    const element = this.pendingByClientId.get(clientMessageId);
    if (!element) return;
    element.classList.add('retrying');
    element.querySelector('.status').textContent = 'not sent yet, retrying…';
  }

  markRefused(clientMessageId, reason) {
    const element = this.pendingByClientId.get(clientMessageId);
    if (!element) return;
    element.classList.add('refused');
    element.querySelector('.status').textContent = `Not sent: ${reason}`;
    this.pendingByClientId.delete(clientMessageId);
  }

  /** Stored messages sort by seq; messages still sending stay last. */
  firstElementAfter(seq) {
    for (const element of this.list.children) {
      if (element.dataset.seq === undefined || Number(element.dataset.seq) > seq) return element;
    }
    return null;
  }
}

/**
 * Fetches what was stored after the last seq on screen. Every seq up to the newest one held when asking was stored
 * before the question, so a hole the answer leaves below it is a message not meant for this side (a supervisor's
 * whisper to the supporter): it is passed over instead of asked for again and again.
 */
export async function catchUp(hub, conversationId, transcript) {
  const known = transcript.maxSeq;
  const missed = await hub.invoke('History', conversationId, transcript.lastSeq);
  for (const message of missed) transcript.add(message);
  // A long answer comes a page at a time: only what this page reached counts as answered.
  transcript.settle(missed.length ? Math.min(known, missed[missed.length - 1].seq) : known);
}

/** Random and unique; crypto.randomUUID is missing on plain-http pages other than localhost. */
function newClientMessageId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Waits before sending again after an "unavailable" answer: 1 s, 2 s, 4 s … up to 30 s, with a little jitter so
 * that many pages do not come back at the same moment. */
export function retryDelayMs(attempt) {
  const base = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));
  return base / 2 + Math.random() * (base / 2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Messages typed while the connection is down wait here and go out, in order, when it is back.
 * Each carries its clientMessageId, so one sent twice (the connection dropped before the answer
 * came, or the server answered "unavailable") is stored once by the server. An "unavailable"
 * answer is a fault on the server's side, not a refusal: the message stays first in line, is
 * shown as not sent yet, and is sent again with the same clientMessageId after a back-off.
 */
export class Outbox {
  constructor(hub, { onStored, onRefused, onRetrying }) {
    this.hub = hub;
    this.onStored = onStored;
    this.onRefused = onRefused;
    this.onRetrying = onRetrying ?? (() => {});
    this.queue = [];
    this.flushing = null;
    this.attempt = 0;
  }

  send(conversationId, text) {
    const clientMessageId = newClientMessageId();
    this.queue.push({ conversationId, clientMessageId, text });
    this.flush();
    return clientMessageId;
  }

  clear() {
    this.queue.length = 0;
  }

  /** Sends what is queued, one at a time; only one flush runs at once. */
  flush() {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async drain() {
    while (this.queue.length > 0 && this.hub.isConnected) {
      const item = this.queue[0];
      try {
        const stored = await this.hub.invoke('Send', item.conversationId, item.clientMessageId, item.text);
        if (this.queue[0] === item) this.queue.shift();
        this.attempt = 0;
        this.onStored(stored);
      } catch (error) {
        const refusal = hubRefusal(error);
        if (!refusal) return; // the connection went: keep the message for the next connect
        if (refusal.code === 'unavailable') {
          this.onRetrying(item);
          await sleep(retryDelayMs(this.attempt));
          this.attempt += 1;
          continue;
        }
        if (this.queue[0] === item) this.queue.shift();
        this.onRefused(item, refusal);
      }
    }
  }
}
