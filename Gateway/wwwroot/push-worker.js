// Shows the helpline's Web Push notices. A notice never says what the service is: a lock screen may be seen by anyone.
// Served from the site root so that its scope covers the seeker page. It has no fetch handler: nothing is cached.
const neutral = { title: 'New message', body: 'You have a new message' };

self.addEventListener('push', (event) => {
  let notice = neutral;
  try {
    const sent = event.data?.json();
    if (typeof sent?.title === 'string' && typeof sent?.body === 'string') notice = sent;
  } catch {
    // Unreadable: the neutral notice all the same.
  }
  event.waitUntil(self.registration.showNotification(notice.title, { body: notice.body, tag: 'message' }));
});

// A tap brings the seeker page forward, or opens it.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const page = windows.find((client) => new URL(client.url).pathname === '/');
    if (page) return page.focus();
    return self.clients.openWindow('/');
  })());
});
