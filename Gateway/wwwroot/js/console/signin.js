// Signing in and out. The token comes from a console link's #token= or from the sign-in form, and
// is kept, with the little else a reload needs, in this tab's sessionStorage only.
import { byId, show } from '../dom.js';

const storageKey = 'storiboard.console';

/** What a reload needs: the token, the chosen availability and the ids of open chats. */
export class Session {
  token = null;
  availability = 'online';
  chats = [];

  /**
   * A console link carries the token in the fragment (never sent to the server, never logged): it
   * starts a fresh session and leaves the address bar and the history at once.
   */
  static load() {
    const session = new Session();
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
    if (fromLink) {
      session.start(fromLink);
      history.replaceState(null, '', location.pathname);
    } else {
      Object.assign(session, JSON.parse(sessionStorage.getItem(storageKey) ?? 'null'));
    }
    return session;
  }

  start(token) {
    Object.assign(this, { token, availability: 'online', chats: [] });
    this.save();
  }

  save() {
    sessionStorage.setItem(storageKey, JSON.stringify(this));
  }

  forget() {
    this.token = null;
    sessionStorage.removeItem(storageKey);
  }
}

/** Switches the page between the sign-in form and the desk. */
export class SignIn {
  /**
   * onSignedIn(): the session has a token now; connect with it.
   * beforeSignOut(): say goodbye to the server before the page forgets the session.
   */
  constructor(session, { onSignedIn, beforeSignOut }) {
    this.session = session;
    this.onSignedIn = onSignedIn;
    byId('signin-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = byId('token').value.trim();
      if (!token) return;
      byId('token').value = '';
      session.start(token);
      this.#enter();
    });
    byId('sign-out').addEventListener('click', async () => {
      await beforeSignOut();
      session.forget();
      location.replace(location.pathname);
    });
  }

  /** On load: straight to the desk when this tab already has a token. */
  begin() {
    if (this.session.token) this.#enter();
    else byId('token').focus();
  }

  /** The server refused the token: back to the form, saying why. */
  refused() {
    this.session.forget();
    this.#showDesk(false);
    byId('signin-error').textContent = 'That token was not accepted. Check it, or ask for a new one.';
    byId('token').focus();
  }

  #enter() {
    this.#showDesk(true);
    this.onSignedIn();
  }

  #showDesk(visible) {
    show(byId('signin'), !visible);
    show(byId('desk'), visible);
    show(byId('sign-out'), visible);
  }
}
