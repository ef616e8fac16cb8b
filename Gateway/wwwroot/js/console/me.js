// The supporter's own line on the desk: name, availability and capacity as the server last
// reported them (SetAvailability's answer and the Supporter event), and the availability chosen here.
import { byId } from '../dom.js';
import { hubRefusal } from '../hub.js';

export class Me {
  /** The last SupporterView: displayName, status, activeChats, capacity, crisisTrained, role. */
  view = null;

  #radios = [...document.querySelectorAll('input[name="availability"]')];

  /** onView(view): every SupporterView that arrives, for the parts that depend on who this is. */
  constructor({ server, session, announce, onView }) {
    this.server = server;
    this.session = session;
    this.announce = announce;
    this.onView = onView;
    for (const radio of this.#radios) radio.addEventListener('change', () => this.#choose(radio.value));
  }

  /** After every connect: the availability chosen in this tab holds, whatever the server had. */
  async restore() {
    this.show(await this.server.invoke('SetAvailability', this.session.availability));
  }

  show(view) {
    if (!view) return;
    this.view = view;
    byId('who').textContent = view.displayName;
    this.check(String(view.status).toLowerCase());
    byId('capacity').textContent = `Chats: ${view.activeChats} of ${view.capacity}`;
    this.onView(view);
  }

  check(status) {
    for (const radio of this.#radios) radio.checked = radio.value === status;
  }

  async #choose(status) {
    this.session.availability = status;
    this.session.save();
    try {
      this.show(await this.server.invoke('SetAvailability', status));
    } catch (error) {
      this.announce(hubRefusal(error)?.message ?? 'Not connected: your availability will be set when the connection is back.');
    }
  }
}
