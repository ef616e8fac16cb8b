// The supporter console: sign in with a token, set availability, take offers, and hold several
// chats at once with the analysis of each message and what the AI already suggested.
// Supervisors also see a live board of every red-flag conversation.
import { el, byId, show, fill, formatTime, followNewest } from './dom.js';
import { openHub, hubRefusal, connectionBanner } from './hub.js';
import { Transcript, Outbox, catchUp } from './transcript.js';
import { renderParts } from './parts.js';
import { themeLabel, riskId, riskLabel, isRedFlag } from './labels.js';

// Only what a reload needs: the token, the chosen availability and the ids of open chats.
const storageKey = 'storiboard.console';
let saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null'); // { token, availability, chats: [ids] }

let hub = null;
let outbox = null;
let me = null; // the last SupporterView
const offers = new Map(); // offerId → { view, card }
const chats = new Map(); // conversationId → { view, transcript, tab, panel, unread, number }
const board = new Map(); // conversationId → card
let chatNumber = 0;
let selectedChat = null;

function save() {
  saved.chats = [...chats.keys()];
  sessionStorage.setItem(storageKey, JSON.stringify(saved));
}

// ---- signing in ---------------------------------------------------------------------------

// A console link carries the token in the fragment (never sent to the server, never logged):
// keep it for this tab only and take it out of the address bar and the history at once.
const fragmentToken = new URLSearchParams(location.hash.slice(1)).get('token');
if (fragmentToken) {
  saved = { token: fragmentToken, availability: 'online', chats: [] };
  sessionStorage.setItem(storageKey, JSON.stringify(saved));
  history.replaceState(null, '', location.pathname);
}

byId('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = byId('token').value.trim();
  if (!token) return;
  byId('token').value = '';
  saved = { token, availability: 'online', chats: [] };
  save();
  unlockSound();
  signIn();
});

byId('sign-out').addEventListener('click', async () => {
  if (hub) {
    try {
      await hub.invoke('SetAvailability', 'offline');
    } catch {
      // Signing out must work offline too; the gateway marks a vanished supporter offline itself.
    }
    await hub.stop();
  }
  sessionStorage.removeItem(storageKey);
  location.replace(location.pathname);
});

function signIn() {
  show(byId('signin'), false);
  show(byId('desk'));
  show(byId('sign-out'));
  checkAvailability(saved.availability);

  hub = openHub({
    url: '/hubs/supporter',
    token: () => saved.token,
    handlers: {
      Offer: addOffer,
      OfferWithdrawn: (offerId) => removeOffer(offerId, 'This offer was withdrawn.'),
      Message: onMessage,
      Conversation: onConversation,
      Supporter: showMe,
      RedFlag: onRedFlag,
    },
    onState: connectionBanner(byId('connection'), 'Reconnecting… replies you write will be sent when the connection is back.'),
    onConnected: resume,
    onUnauthorized: () => {
      sessionStorage.removeItem(storageKey);
      show(byId('desk'), false);
      show(byId('sign-out'), false);
      show(byId('signin'));
      byId('signin-error').textContent = 'That token was not accepted. Check it, or ask for a new one.';
      byId('token').focus();
    },
  });
  outbox = new Outbox(hub, {
    onStored: (message) => chats.get(message.conversationId)?.transcript.add(message),
    onRefused: (item, refusal) => chats.get(item.conversationId)?.transcript.markRefused(item.clientMessageId, refusal.message),
  });
  for (const conversationId of saved.chats ?? []) openChat({ conversationId }, false);
}

/** After every connect: restore availability, then fetch what each open chat missed and send what waited. */
async function resume() {
  try {
    showMe(await hub.invoke('SetAvailability', saved.availability));
    for (const chat of chats.values()) await resumeChat(chat);
    await outbox.flush();
  } catch (error) {
    const refusal = hubRefusal(error);
    if (refusal) announce(refusal.message);
  }
}

async function resumeChat(chat) {
  const { conversationId } = chat.view;
  try {
    onConversation(await hub.invoke('View', conversationId));
    await catchUp(hub, conversationId, chat.transcript);
  } catch (error) {
    const refusal = hubRefusal(error);
    if (!['forbidden', 'not_found'].includes(refusal?.code)) throw error;
    // No longer this desk's chat (taken over by a crisis-trained supporter, or erased): it is over here.
    onConversation({ conversationId, status: 'ended' });
  }
}

// ---- availability and capacity ------------------------------------------------------------

for (const radio of document.querySelectorAll('input[name="availability"]')) {
  radio.addEventListener('change', async () => {
    saved.availability = radio.value;
    save();
    try {
      showMe(await hub.invoke('SetAvailability', radio.value));
    } catch (error) {
      announce(hubRefusal(error)?.message ?? 'Not connected: your availability will be set when the connection is back.');
    }
  });
}

function checkAvailability(status) {
  for (const radio of document.querySelectorAll('input[name="availability"]')) radio.checked = radio.value === status;
}

function showMe(view) {
  if (!view) return;
  me = view;
  byId('who').textContent = view.displayName;
  checkAvailability(String(view.status).toLowerCase());
  byId('capacity').textContent = `Chats: ${view.activeChats} of ${view.capacity}`;
  // Supervisors see the board from the start, before any red flag: the server's role decides.
  if (view.role === 'supervisor') show(byId('board'));
}

// ---- offers -------------------------------------------------------------------------------

function addOffer(view) {
  if (offers.has(view.offerId)) return;
  const red = isRedFlag(view.risk);
  const accept = el('button', { type: 'button', class: 'primary' }, 'Accept');
  const decline = el('button', { type: 'button' }, 'Decline');
  const countdown = el('span', { class: 'countdown' });
  const titleId = `offer-${view.offerId}`;
  const card = el('article', { class: `card offer${red ? ' red-flag' : ''}`, 'aria-labelledby': titleId },
    el('h3', {}, el('span', { id: titleId }, red ? 'Red flag – chat offer' : 'Chat offer'), countdown),
    badges(view.themes, view.risk),
    el('p', {}, view.summary),
    view.reasons?.length ? [el('p', { class: 'hint' }, 'Why you:'), el('ul', { class: 'reasons' }, view.reasons.map((r) => el('li', {}, r)))] : null,
    view.handoff ? handoffDetails(view.handoff) : null,
    el('div', { class: 'actions' }, accept, decline));

  accept.addEventListener('click', () => acceptOffer(view));
  decline.addEventListener('click', () => declineOffer(view));
  offers.set(view.offerId, { view, card, countdown });
  byId('offers').prepend(card);
  tickCountdowns();
  updateEmptyStates();
  updateTitle();
  beep(red);
  announce(`New ${red ? 'red-flag ' : ''}chat offer: ${riskLabel(view.risk)}, ${view.themes.map(themeLabel).join(', ') || 'no themes yet'}.`);
}

async function acceptOffer(view) {
  try {
    const conversation = await hub.invoke('Accept', view.offerId);
    removeOffer(view.offerId);
    const chat = openChat({ ...conversation, handoff: conversation.handoff ?? view.handoff }, true);
    // Accepting is the moment to start writing: the reply box takes the focus the Accept button had.
    chat.composer.querySelector('textarea').focus();
  } catch (error) {
    removeOffer(view.offerId, hubRefusal(error)?.message ?? 'The offer could not be accepted.');
  }
}

async function declineOffer(view) {
  try {
    await hub.invoke('Decline', view.offerId);
  } catch {
    // Declining an offer that has already gone is the same as declining it.
  }
  removeOffer(view.offerId);
}

function removeOffer(offerId, why) {
  const offer = offers.get(offerId);
  if (!offer) return;
  offer.card.remove();
  offers.delete(offerId);
  if (why) announce(why);
  updateEmptyStates();
  updateTitle();
}

function tickCountdowns() {
  const now = Date.now();
  for (const [offerId, offer] of offers) {
    const left = Math.round((Date.parse(offer.view.expiresAt) - now) / 1000);
    if (left <= 0) {
      removeOffer(offerId, 'An offer expired.');
      continue;
    }
    offer.countdown.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
    offer.countdown.classList.toggle('soon', left <= 10);
  }
}
setInterval(tickCountdowns, 1000);

// ---- chats --------------------------------------------------------------------------------

function openChat(view, select) {
  const existing = chats.get(view.conversationId);
  if (existing) {
    updateChatView(existing, view);
    if (select) selectChat(view.conversationId);
    return existing;
  }

  chatNumber += 1;
  const number = chatNumber;
  const tab = el('button', {
    type: 'button', role: 'tab', id: `tab-${number}`, 'aria-controls': `panel-${number}`,
    'aria-selected': 'false', tabindex: '-1',
  });
  const list = el('ol', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': `Chat ${number} messages` });
  const text = el('textarea', { rows: '2', maxlength: '4000', id: `reply-${number}`, autocomplete: 'off' });
  const composer = el('form', { class: 'composer' },
    el('label', { for: `reply-${number}`, class: 'visually-hidden' }, 'Your reply'), text,
    el('button', { type: 'submit', class: 'primary' }, 'Send'));
  const endButton = el('button', { type: 'button', class: 'danger' }, 'End chat…');
  const note = el('textarea', { rows: '3', id: `note-${number}` });
  const endForm = el('form', { class: 'end-note', hidden: true },
    el('label', { for: `note-${number}` }, 'Private note (kept with the conversation for you and your supervisors; the person never sees it)'),
    note,
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary' }, 'End chat'),
      el('button', { type: 'button', onclick: () => { show(endForm, false); show(endButton); endButton.focus(); } }, 'Cancel')));
  const header = el('div', { class: 'chat-header' });
  const panel = el('section', {
    class: 'chat-panel', role: 'tabpanel', id: `panel-${number}`, 'aria-labelledby': `tab-${number}`, hidden: true,
  }, header, list, composer, el('div', { class: 'actions' }, endButton), endForm);

  const showNewest = followNewest(list);
  const chat = {
    view, number, tab, panel, header, unread: 0, ended: false, composer, showNewest,
    transcript: new Transcript(list, { render: (m) => renderMessage(chat, m), renderPending }),
  };
  chats.set(view.conversationId, chat);

  tab.addEventListener('click', () => selectChat(view.conversationId));
  tab.addEventListener('keydown', (event) => moveBetweenTabs(event, view.conversationId));
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = text.value.trim();
    if (!typed || chat.ended) return;
    text.value = '';
    chat.transcript.addPending(outbox.send(view.conversationId, typed), typed);
    showNewest();
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  endButton.addEventListener('click', () => {
    show(endButton, false);
    show(endForm);
    note.focus();
  });
  endForm.addEventListener('submit', (event) => {
    event.preventDefault();
    endChat(chat, note.value.trim());
  });

  byId('tabs').append(tab);
  byId('panels').append(panel);
  updateChatView(chat, view);
  save();
  updateEmptyStates();
  if (select || !selectedChat) selectChat(view.conversationId);
  if (hub.isConnected) catchUp(hub, view.conversationId, chat.transcript).catch(() => {});
  return chat;
}

function updateChatView(chat, view) {
  // Pushes may carry less than Accept did (no hand-off card): keep what we had.
  chat.view = { ...chat.view, ...Object.fromEntries(Object.entries(view).filter(([, v]) => v !== null && v !== undefined)) };
  const current = chat.view;
  const red = isRedFlag(current.risk);
  const status = String(current.status ?? '').toLowerCase();

  chat.tab.classList.toggle('red-flag', red);
  fill(chat.tab,
    red ? '⚠ ' : '',
    `Chat ${chat.number}`,
    current.themes?.length ? ` · ${themeLabel(current.themes[0])}` : '',
    status === 'ended' ? ' (ended)' : '',
    chat.unread ? el('span', { class: 'unread', 'aria-label': `${chat.unread} unread` }, String(chat.unread)) : null);

  fill(chat.header,
    red ? el('p', { class: 'crisis' }, el('strong', {}, `Red flag (${riskId(current.risk)}).`),
      ' The person has been shown crisis lines and your supervisor has been alerted. ',
      me?.crisisTrained
        ? 'Follow the crisis protocol; ask your supervisor to join if you need them.'
        : 'A supporter trained for crisis conversations is being found to take over: stay with the person until they join.') : null,
    badges(current.themes ?? [], current.risk, current.trend),
    current.handoff ? handoffDetails(current.handoff) : null);

  if (status === 'ended' && !chat.ended) {
    chat.ended = true;
    for (const control of chat.composer.elements) control.disabled = true;
    chat.transcript.list.append(el('li', { class: 'message from-system' }, el('p', { class: 'text' }, 'The chat has ended.')));
    announce(`Chat ${chat.number} has ended.`);
  }
}

function selectChat(conversationId) {
  selectedChat = conversationId;
  for (const [id, chat] of chats) {
    const selected = id === conversationId;
    chat.tab.setAttribute('aria-selected', String(selected));
    chat.tab.tabIndex = selected ? 0 : -1;
    show(chat.panel, selected);
    if (selected) chat.showNewest();
    if (selected && chat.unread) {
      chat.unread = 0;
      updateChatView(chat, {});
    }
  }
  updateTitle();
}

/** The tabs pattern: arrow keys, Home and End move between chats; Tab goes into the chat. */
function moveBetweenTabs(event, conversationId) {
  const ids = [...chats.keys()];
  const at = ids.indexOf(conversationId);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  const next = ids[(to + ids.length) % ids.length];
  selectChat(next);
  chats.get(next).tab.focus();
}

async function endChat(chat, note) {
  try {
    await hub.invoke('End', chat.view.conversationId, note || null);
  } catch (error) {
    const refusal = hubRefusal(error);
    if (!refusal) {
      announce('Not connected: the chat was not ended. Try again when the connection is back.');
      return;
    }
    // Already ended by the person: nothing left to end, so the tab can close anyway.
  }
  closeChat(chat);
}

function closeChat(chat) {
  const ids = [...chats.keys()];
  chat.tab.remove();
  chat.panel.remove();
  chats.delete(chat.view.conversationId);
  save();
  announce(`Chat ${chat.number} closed.`);
  if (selectedChat === chat.view.conversationId) {
    selectedChat = null;
    const neighbour = ids[ids.indexOf(chat.view.conversationId) - 1] ?? [...chats.keys()][0];
    if (neighbour) {
      selectChat(neighbour);
      chats.get(neighbour).tab.focus();
    }
  }
  updateEmptyStates();
  updateTitle();
}

function onMessage(message) {
  // The gateway only sends a supporter the conversations assigned to them, so an unknown one is
  // a chat this tab has not shown yet (after a reload, or accepted in another tab).
  const chat = chats.get(message.conversationId) ?? openChat({ conversationId: message.conversationId }, false);
  if (!chat.transcript.add(message)) return;
  if (chat.transcript.hasGap) catchUp(hub, message.conversationId, chat.transcript).catch(() => {});
  const fromThem = String(message.sender).toLowerCase() === 'seeker';
  if (fromThem && (selectedChat !== message.conversationId || document.hidden)) {
    chat.unread += 1;
    updateChatView(chat, {});
    updateTitle();
    beep(isRedFlag(message.analysis?.risk));
  }
}

function onConversation(view) {
  const chat = chats.get(view.conversationId);
  if (chat) updateChatView(chat, view);
  if (board.has(view.conversationId)) onRedFlag(view);
}

function renderMessage(chat, message) {
  const sender = String(message.sender).toLowerCase();
  const red = sender === 'seeker' && isRedFlag(message.analysis?.risk);
  const label = {
    seeker: 'Help-seeker',
    ai: 'AI reply (already shown to them)',
    supporter: message.senderName === me?.displayName ? 'You' : (message.senderName || 'Supporter'),
  }[sender];
  const body = sender === 'ai' && message.parts?.length ? renderParts(message.parts) : el('p', { class: 'text' }, message.text);
  return el('li', { class: `message from-${sender}${red ? ' red-flag' : ''}` },
    label ? el('p', { class: 'sender' }, label, ' ', el('time', { datetime: message.sentAt }, formatTime(message.sentAt))) : null,
    body,
    sender === 'seeker' && message.analysis ? badges(message.analysis.themes ?? [], message.analysis.risk) : null);
}

function renderPending(text) {
  return el('li', { class: 'message from-supporter pending' },
    el('p', { class: 'sender' }, 'You ', el('span', { class: 'status' }, 'sending…')),
    el('p', { class: 'text' }, text));
}

// ---- supervisors' red-flag board ----------------------------------------------------------

function onRedFlag(view) {
  show(byId('board'));
  board.get(view.conversationId)?.remove();
  board.delete(view.conversationId);
  const status = String(view.status).toLowerCase();
  if (status !== 'ended') {
    const who = view.supporter
      ? `With ${view.supporter.displayName}`
      : status === 'waiting' ? `Waiting for a crisis-trained supporter${view.queuePosition ? ` (number ${view.queuePosition})` : ''}` : 'With the AI only';
    const card = el('article', { class: 'card red-flag' },
      el('h3', {}, el('span', {}, who), el('span', { class: 'hint' }, `since ${formatTime(view.startedAt)}`)),
      badges(view.themes ?? [], view.risk, view.trend));
    board.set(view.conversationId, card);
    byId('board-list').prepend(card);
    if (!view.supporter) beep(true);
  }
  show(byId('board-empty'), board.size === 0);
}

// ---- shared bits --------------------------------------------------------------------------

function badges(themes, risk, trend) {
  const level = riskId(risk);
  return el('ul', { class: 'badges', 'aria-label': 'Analysis' },
    el('li', { class: `badge risk-${level}` }, riskLabel(risk), trend ? ` (${trend})` : ''),
    themes.map((theme) => el('li', { class: 'badge' }, themeLabel(theme))));
}

function handoffDetails(handoff) {
  return el('details', { class: 'handoff', open: true },
    el('summary', {}, 'Hand-off: what they have said and been offered'),
    el('dl', {},
      handoff.summary ? [el('dt', {}, 'Summary'), el('dd', {}, handoff.summary)] : null,
      handoff.riskHistory?.length ? [el('dt', {}, 'Risk so far'), el('dd', {}, handoff.riskHistory.map(riskId).join(' → '))] : null,
      handoff.alreadyOffered?.length ? [el('dt', {}, 'The AI already suggested'),
        el('dd', {}, el('ul', {}, handoff.alreadyOffered.map((item) => el('li', {}, item))))] : null));
}

function updateEmptyStates() {
  show(byId('no-offers'), offers.size === 0);
  show(byId('no-chats'), chats.size === 0);
}

/** The title-bar badge: offers waiting, plus messages not yet seen. */
function updateTitle() {
  let count = offers.size;
  for (const chat of chats.values()) count += chat.unread;
  document.title = count ? `(${count}) StoriBoard console` : 'StoriBoard console';
}
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && selectedChat && chats.get(selectedChat)?.unread) selectChat(selectedChat);
});

function announce(text) {
  byId('announce').textContent = text;
}


// A short tone for a new offer (two for a red flag). Browsers only let a page make sound after
// the person has interacted with it, so the audio context is unlocked by the first click or key.
let audio = null;
function unlockSound() {
  audio ??= new AudioContext();
  if (audio.state === 'suspended') audio.resume();
}
document.addEventListener('pointerdown', unlockSound, { once: true });
document.addEventListener('keydown', unlockSound, { once: true });

function beep(urgent = false) {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (let i = 0; i < (urgent ? 2 : 1); i += 1) {
    const at = start + i * 0.3;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = urgent ? 880 : 660;
    volume.gain.setValueAtTime(0.0001, at);
    volume.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
    tone.connect(volume).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.26);
  }
}

if (saved?.token) signIn();
else byId('token').focus();
