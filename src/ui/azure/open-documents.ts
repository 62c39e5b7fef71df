/**
 * Documents read from Azure → the analyse page, as if dropped there as files: the input is replaced, the
 * engine runs (in its worker), and the analysis is kept in the history like any other (so it reopens
 * offline). The one place the Azure screens touch the app's session.
 */
import { session } from '../session.svelte';
import { go } from '../router.svelte';

export function openDocuments(docs: { name: string; text: string }[]): void {
  session.clearAll();
  void session.addFiles(docs.map((d) => new File([d.text], d.name, { type: 'application/json' })));
  go('#/');
}
