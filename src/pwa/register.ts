/**
 * Service worker registration (hosted build only) with workbox-window: the first install says "available
 * offline"; a new version waits until the user chooses to reload (registerType 'prompt'). The single-file
 * build and file:// pages have no service worker.
 */
export interface PwaEvents {
  offlineReady(): void;
  updateReady(apply: () => void): void;
  /** The page is served by the service worker (works without the network). */
  controlled(): void;
}

export async function registerPwa(events: PwaEvents): Promise<void> {
  if (!import.meta.env.PROD || import.meta.env.MODE === 'single') return;
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  if (navigator.serviceWorker.controller) events.controlled();
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('./sw.js', { scope: './' });
  wb.addEventListener('installed', (e) => {
    if (!e.isUpdate) events.offlineReady();
  });
  wb.addEventListener('controlling', () => events.controlled());
  wb.addEventListener('waiting', () => {
    events.updateReady(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
  try {
    await wb.register();
  } catch {
    /* no service worker (blocked by policy, private mode): the app still works online */
  }
}
