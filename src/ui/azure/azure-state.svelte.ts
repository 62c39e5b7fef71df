/**
 * The Azure screens' state and the one way through them: settings → (sign-in chosen) MSAL loaded → ARM
 * client → fleet list → read / analyse (one or all) → documents handed to the app's analyse page. The
 * components read this state and call these methods; the work is done in src/azure/.
 */
import { describeAuthError, loadAuth, type AzureAuth, type SignedInAccount } from '../../azure/auth';
import { ArmClient, type ArmFailure } from '../../azure/arm-client';
import { openAzureCache, type AzureCache } from '../../azure/cache';
import { collectionBundle, type CollectedDocument, type Collection } from '../../azure/collector';
import { analyseAll, listFleet, readGateway, rowsFor, type FleetRow } from '../../azure/fleet';
import { markSignIn, signInChosen } from '../../azure/redirect';
import { loadSettings, resolveSettings, saveSettings, settingsProblems, clearSavedSettings, type AzureSettings } from '../../azure/settings';
import { ENGINE_VERSION } from '../../core/version';
import { i18n } from '../../i18n/i18n.svelte';

export interface OpenMeta {
  gatewayName: string;
  readAt: string;
  note: string;
}

export type OnDocuments = (docs: CollectedDocument[], meta: OpenMeta) => void;

const LAST_FLEET = 'last';

export class AzureState {
  settings = $state<AzureSettings>(loadSettings());
  authState = $state<'signed-out' | 'loading' | 'redirecting' | 'signed-in'>('signed-out');
  account = $state<SignedInAccount | undefined>(undefined);
  error = $state('');
  rows = $state<FleetRow[]>([]);
  listedAt = $state<string | undefined>(undefined);
  subscriptions = $state(0);
  via = $state<'resource-graph' | 'per-subscription' | undefined>(undefined);
  listFailures = $state.raw<{ subscriptionId?: string; failure: ArmFailure }[]>([]);
  listing = $state(false);
  running = $state(false);
  progress = $state<{ done: number; total: number } | undefined>(undefined);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** Gateway + resource group the collect-script screen starts with. */
  scriptFor = $state<{ gatewayName: string; resourceGroup: string; subscription: string }>({ gatewayName: '', resourceGroup: '', subscription: '' });

  readonly single = import.meta.env.MODE === 'single';
  private auth: AzureAuth | undefined;
  private client: ArmClient | undefined;
  private cache: Promise<AzureCache> = openAzureCache();
  private abort: AbortController | undefined;
  private engine: Promise<import('../../worker/protocol').EngineHost> | undefined;

  private started = false;

  constructor(private onDocuments: OnDocuments) {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => (this.online = true));
      window.addEventListener('offline', () => (this.online = false));
    }
  }

  get resolved() {
    return resolveSettings(this.settings);
  }

  get problems(): string[] {
    return settingsProblems(this.settings);
  }

  /** On first show: the gateways kept from last time, and (if sign-in was chosen in this tab) MSAL. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    void this.showCachedFleet();
    // A sign-in answer in the URL is AzureEntry's (MSAL's redirect bridge); here only a sign-in chosen earlier in this tab.
    if (!this.single && signInChosen() && !this.problems.length) await this.connect(false);
  }

  private async showCachedFleet(): Promise<void> {
    const cache = await this.cache;
    const f = await cache.getFleet(LAST_FLEET);
    if (!f || this.rows.length) return;
    this.rows = await rowsFor(f.gateways, cache);
    this.listedAt = f.listedAt;
    this.subscriptions = f.subscriptions.length;
  }

  /** Loads MSAL (its own chunk) and, when `interactive`, signs in. */
  async connect(interactive: boolean): Promise<void> {
    this.error = '';
    this.authState = 'loading';
    try {
      const { auth, error } = await loadAuth(this.resolved);
      this.auth = auth;
      if (error) this.error = error;
      let account = auth.account();
      if (!account && interactive) {
        this.authState = this.resolved.interaction === 'redirect' ? 'redirecting' : 'loading';
        account = await auth.signIn();
      }
      this.account = account;
      this.authState = account ? 'signed-in' : 'signed-out';
      if (account) {
        this.client = new ArmClient({ endpoint: this.resolved.armEndpoint, getToken: (fresh) => auth.getToken(fresh) });
        // A new sign-in lists the gateways; a restored one keeps the list from last time (List gateways refreshes it).
        if (this.online && (interactive || !this.rows.length)) await this.refresh();
      } else if (!interactive) {
        markSignIn(false);
      }
    } catch (e) {
      this.error = describeAuthError(e);
      this.authState = this.account ? 'signed-in' : 'signed-out';
    }
  }

  signIn(): Promise<void> {
    saveSettings(this.settings);
    return this.connect(true);
  }

  async signOut(): Promise<void> {
    this.cancel();
    await this.auth?.signOut();
    markSignIn(false);
    this.account = undefined;
    this.client = undefined;
    this.authState = 'signed-out';
  }

  saveSettings(s: AzureSettings): void {
    this.settings = s;
    saveSettings(s);
  }

  resetSettings(): void {
    clearSavedSettings();
    this.settings = loadSettings();
  }

  async refresh(): Promise<void> {
    if (!this.client) return;
    this.listing = true;
    this.error = '';
    try {
      const f = await listFleet(this.client);
      if (!f.subscriptions.length && f.failures.length) {
        // Nothing could be listed (offline, signed out elsewhere): keep the list shown, say why.
        this.listFailures = f.failures;
        return;
      }
      const cache = await this.cache;
      this.rows = await rowsFor(f.gateways, cache);
      this.subscriptions = f.subscriptions.length;
      this.via = f.via;
      this.listFailures = f.failures;
      this.listedAt = new Date().toISOString();
      await cache.putFleet({ key: LAST_FLEET, listedAt: this.listedAt, subscriptions: f.subscriptions, gateways: f.gateways });
    } catch (e) {
      this.error = String((e as Error)?.message ?? e);
    } finally {
      this.listing = false;
    }
  }

  private patch(id: string, p: Partial<FleetRow>): void {
    const i = this.rows.findIndex((r) => r.gateway.id === id);
    if (i >= 0) this.rows[i] = { ...this.rows[i], ...p };
  }

  private engineHost() {
    this.engine ??= import('../../worker/host').then((m) => m.createEngineHost());
    return this.engine;
  }

  private readOptions(signal: AbortSignal) {
    return {
      client: this.client!,
      signal,
      engineVersion: ENGINE_VERSION,
      onUpdate: (id: string, p: Partial<FleetRow>) => this.patch(id, p),
      analyze: async (docs: CollectedDocument[]) => {
        const r = await (await this.engineHost()).analyze(docs, { locale: i18n.locale, now: new Date() });
        const s = r.report.summary;
        return { error: s.error ?? 0, warning: s.warning ?? 0, info: s.info ?? 0 };
      },
    };
  }

  async analyseAll(): Promise<void> {
    if (!this.client || this.running) return;
    this.abort = new AbortController();
    this.running = true;
    try {
      await analyseAll(this.rows.map((r) => r.gateway), {
        ...this.readOptions(this.abort.signal),
        cache: await this.cache,
        onProgress: (done, total) => (this.progress = { done, total }),
      });
    } finally {
      this.running = false;
    }
  }

  /** Read (again) and analyse one gateway, then open it on the analyse page. */
  async readAndOpen(row: FleetRow): Promise<void> {
    if (!this.client) return this.openCached(row);
    this.abort ??= new AbortController();
    if (this.abort.signal.aborted) this.abort = new AbortController();
    const c = await readGateway(row.gateway, { ...this.readOptions(this.abort.signal), cache: await this.cache });
    if (c?.gatewayRead && !c.cancelled) this.open(c);
  }

  /** What was read earlier (from this browser's cache), on the analyse page — works offline. */
  async openCached(row: FleetRow): Promise<void> {
    const c = await (await this.cache).getCollection(row.gateway.id);
    if (c) this.open(c.collection);
  }

  /** What was read, as one bundle file (the collect scripts' format): to keep, or to analyse elsewhere. */
  async saveBundle(row: FleetRow): Promise<void> {
    const c = await (await this.cache).getCollection(row.gateway.id);
    if (!c) return;
    const text = JSON.stringify(collectionBundle(c.collection), null, 2);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `appgw502-${c.collection.gatewayName}-${c.collection.readAt.replace(/[-:]|\.\d+/g, '')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private open(c: Collection): void {
    this.onDocuments(c.documents, { gatewayName: c.gatewayName, readAt: c.readAt, note: c.note });
  }

  cancel(): void {
    this.abort?.abort();
    this.abort = undefined;
  }

  writeScriptFor(row: FleetRow): void {
    this.scriptFor = { gatewayName: row.gateway.name, resourceGroup: row.gateway.resourceGroup, subscription: row.gateway.subscriptionId };
  }
}

let shared: AzureState | undefined;
let current: OnDocuments = () => undefined;

/**
 * The one Azure state of the page: it outlives the screen (leaving the Azure screen while "analyse all" runs
 * and coming back shows it still running). Documents go to the latest `onDocuments` given.
 */
export function azureState(onDocuments: OnDocuments): AzureState {
  current = onDocuments;
  shared ??= new AzureState((docs, meta) => current(docs, meta));
  return shared;
}
