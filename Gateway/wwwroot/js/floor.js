// The supervisors' live floor: people waiting by risk, red flags without a crisis-trained
// supporter and for how long (with an alarm past the helpline's threshold), supporters by state,
// and chats in progress with their risk and trend. Choosing a conversation opens its pane
// (js/floor/pane.js). The server pushes the whole floor at most about once a second.
import { byId, show } from './dom.js';
import { openHub, hubRefusal, connectionBanner } from './hub.js';
import { StaffSession, singleSignOnReturn, offerSingleSignOn, passwordSignIn } from './staff-session.js';
import { FloorBoard } from './floor/board.js';
import { Pane } from './floor/pane.js';
import { WrapUps } from './wrap-ups.js';

const session = new StaffSession('storiboard.floor');
const announce = (text) => {
  byId('announce').textContent = text;
};

const server = {
  hub: null,
  invoke: (method, ...args) => server.hub.invoke(method, ...args),
};

const pane = new Pane({ server, announce, refusal: hubRefusal });
const wrapUps = new WrapUps({ session, announce, section: byId('wrap-ups') });
const board = new FloorBoard({
  onOpen: (conversationId, label) => pane.open(conversationId, label),
  onWrapUps: (supporterId, displayName) => wrapUps.open(supporterId, displayName),
});

function showOnly(section) {
  show(byId('signin'), section === 'signin');
  show(byId('floor'), section === 'floor');
  show(byId('sign-out'), section === 'floor');
  show(byId('console-link'), section === 'floor');
  show(byId('reports-link'), section === 'floor');
}

function signInFlow(error = '') {
  showOnly('signin');
  byId('signin-error').textContent = error;
  byId('email').focus();
}

passwordSignIn(session, () => enterAsSupervisor());

byId('sign-out').addEventListener('click', async () => {
  await server.hub?.stop();
  await session.signOut();
  location.replace(location.pathname);
});

/** Only supervisors stay signed in here. */
async function enterAsSupervisor() {
  if (session.role !== 'supervisor') {
    await session.signOut();
    signInFlow('This page is for supervisors. Supporters take chats at the console (/console).');
    return;
  }
  showOnly('floor');
  byId('who').textContent = session.displayName;
  server.hub = openHub({
    url: '/hubs/supporter',
    token: () => session.token({ fresh: true }),
    handlers: {
      Floor: (floor) => {
        board.show(floor);
        pane.floorChanged(floor);
      },
      Message: (message) => pane.receive(message),
      Conversation: (view) => pane.conversationChanged(view),
      CatchUp: () => refresh(),
    },
    onState: connectionBanner(byId('connection'), 'Reconnecting… the floor may be out of date until the connection is back.'),
    onConnected: refresh,
    onUnauthorized: () => {
      session.forget();
      signInFlow('Your session has ended. Please sign in again.');
    },
  });
}

/** After every connect: the whole floor again (which also follows it from now on). */
async function refresh() {
  try {
    const floor = await server.invoke('Floor');
    board.show(floor);
    pane.floorChanged(floor);
  } catch (error) {
    const refusal = hubRefusal(error);
    announce(refusal?.message ?? 'The floor could not be loaded; trying again when the connection is back.');
  }
}

// A live "for how long" and the alarm, between pushes.
setInterval(() => board.tick(), 1000);

offerSingleSignOn(byId('sso'));
const returned = singleSignOnReturn();
if (returned?.refreshToken && (await session.adopt(returned.refreshToken))) {
  await enterAsSupervisor();
} else if (returned?.error) {
  signInFlow(returned.error);
} else if (session.signedIn) {
  await enterAsSupervisor();
} else {
  signInFlow();
}
