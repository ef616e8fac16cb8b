// Builds elements from text only. Message text from people and from the server is always set
// through textContent, so a message containing markup shows as typed and runs nothing.

/**
 * el('p', { class: 'note' }, 'text', child) creates an element. Attributes are set one by one
 * (never as HTML); children may be strings (become text nodes), nodes, or null (skipped).
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Replaces an element's children, with the same rules as el(). */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const byId = (id) => document.getElementById(id);

export function show(element, visible = true) {
  element.hidden = !visible;
}

/** Only web, phone and text-message links are followed; anything else (javascript:, data:) is dropped. */
export function safeUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url, location.href);
    return ['https:', 'http:', 'tel:', 'sms:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A date with its time, in the reader's own format ("7 Dec 2026, 14:05"). */
export function formatDateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * Keeps a scrolling list at its newest entry as entries arrive, unless the reader has scrolled up to read earlier
 * ones. Entries from someone else that arrive together (a long reply, or a reply and a note straight after it) open at
 * the top of the first, not at the end of the last. Entries matching `own` (one's own messages) never hold the view; a
 * catch-up of many entries goes to the newest. Returns a function that brings the list to the newest (after a send).
 */
export function followNewest(scroller, list = scroller, { own = null } = {}) {
  const together = 3000; // ms: entries this close after the first are read as one arrival
  let following = true; // the reader is at the newest entry, or has not scrolled since entries came
  let first = null; // the first entry from someone else in the latest arrival
  let firstAt = 0;
  let placedAt = null; // where this code last scrolled to, so its own scrolling is not taken for the reader's

  const place = (top) => {
    scroller.scrollTop = top;
    placedAt = scroller.scrollTop;
  };

  scroller.addEventListener('scroll', () => {
    if (placedAt !== null && Math.abs(scroller.scrollTop - placedAt) < 2) return;
    placedAt = null;
    following = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
  });

  new MutationObserver((changes) => {
    if (!following) return;
    const added = changes.flatMap((c) => [...c.addedNodes]).filter((n) => n.nodeType === Node.ELEMENT_NODE);
    const now = performance.now();
    if (added.length > 3) {
      first = null;
    } else if (!first || !first.isConnected || now - firstAt > together) {
      first = added.find((n) => !(own && n.matches(own))) ?? null;
      firstAt = now;
    }

    const firstTop = first
      ? scroller.scrollTop + first.getBoundingClientRect().top - scroller.getBoundingClientRect().top
      : Infinity;
    place(Math.min(scroller.scrollHeight, firstTop));
  }).observe(list, { childList: true });

  return () => {
    following = true;
    first = null;
    place(scroller.scrollHeight);
  };
}
