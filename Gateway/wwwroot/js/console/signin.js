// Signing in and out: with an e-mail address and password (a staff account's session, which
// renews its own token), or with a token from a console link's #token= or the token form. Either
// is kept, with the little else a reload needs, in this tab's sessionStorage only.
import { byId, show } from '../dom.js';
import { StaffSession, singleSignOnReturn, offerSingleSignOn } from '../staff-session.js';

const storageKey = 'storiboard.console';

/** What a reload needs: the token, the chosen availability and the ids of open chats. */
export class Session {
  token = null;
  availability = 'online';
  chats = [];

  // Private, so that save() does not write it beside the rest: it keeps itself.
  #staff = new StaffSession('storiboard.console.staff');

  get staff() {
    return this.#staff;
  }

  get signedIn() {
    return Boolean(this.token) || this.#staff.signedIn;
  }

  /** The bearer token for the hub: the staff session's (renewed on each connect), else the token's. */
  accessToken() {
    return this.#staff.signedIn ? this.#staff.token({ fresh: true }) : this.token;
  }

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
    this.#staff.forget();
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
    byId('staff-signin-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#signInAsStaff();
    });
    byId('sign-out').addEventListener('click', async () => {
      await beforeSignOut();
      await session.staff.signOut();
      session.forget();
      location.replace(location.pathname);
    });
  }

  /** On load: straight to the desk when this tab is already signed in. */
  async begin() {
    offerSingleSignOn(byId('sso'));
    const returned = singleSignOnReturn();
    if (returned?.refreshToken && (await this.session.staff.adopt(returned.refreshToken))) {
      this.#startStaff();
      return;
    }
    if (returned?.error) byId('signin-error').textContent = returned.error;
    if (this.session.signedIn) this.#enter();
    else byId('staff-email').focus();
  }

  /** The server refused the token (or the session ended: deactivated, signed out elsewhere): back to the form, saying why. */
  refused() {
    const wasStaff = this.session.staff.signedIn || !this.session.token;
    this.session.forget();
    this.#showDesk(false);
    byId('signin-error').textContent = wasStaff
      ? 'Your session has ended. Please sign in again, or ask an admin.'
      : 'That token was not accepted. Check it, or ask for a new one.';
    byId(wasStaff ? 'staff-email' : 'token').focus();
  }

  async #signInAsStaff() {
    const staff = this.session.staff;
    try {
      await staff.signIn(byId('staff-email').value.trim(), byId('staff-password').value);
    } catch (error) {
      byId('signin-error').textContent = error.message;
      return;
    }
    byId('staff-password').value = '';
    await this.#startStaff();
  }

  async #startStaff() {
    if (this.session.staff.role === 'admin') {
      await this.session.staff.signOut();
      byId('signin-error').textContent = 'Admins take no chats: manage the staff on the admin page (/admin).';
      return;
    }
    byId('signin-error').textContent = '';
    this.session.start(null);
    this.#enter();
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
