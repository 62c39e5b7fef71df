/** Entry: global styles, the app, and (hosted build only) the service worker. */
import './ui/app.css';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerPwa } from './pwa/register';
import { session } from './ui/session.svelte';

const target = document.getElementById('app')!;
mount(App, { target });

void registerPwa({
  offlineReady: () => session.notify('notice.offlineReady'),
  updateReady: (apply) => session.notify('notice.updateReady', undefined, 'info', { label: 'notice.reload', run: apply }),
  controlled: () => {
    session.worksOffline = true;
  },
});
