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

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * Keeps a scrolling list at its newest entry as entries arrive, unless the reader has scrolled up
 * to read earlier ones. Returns a function that brings it back to the newest (after one's own send).
 */
export function followNewest(scroller, list = scroller) {
  let atEnd = true;
  scroller.addEventListener('scroll', () => {
    atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
  });
  new MutationObserver(() => {
    if (atEnd) scroller.scrollTop = scroller.scrollHeight;
  }).observe(list, { childList: true });
  return () => {
    atEnd = true;
    scroller.scrollTop = scroller.scrollHeight;
  };
}
