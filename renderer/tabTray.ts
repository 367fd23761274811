/**
 * Keeps browser mode's tab looking like the tray (model/tabLook.ts): the title and the favicon
 * follow the summary and the connection. Patches arrive many times a second; the document is
 * touched only when the title or the icon actually changes, so a tab costs nothing between.
 */
import { tabLook, type TabLook } from './model/tabLook';
import { useProjectionStore } from './stores/projectionStore';
import { useSummaryStore } from './stores/summaryStore';

/** The page's favicon link; index.html has one (an empty `data:,` until the state is known). */
function faviconLink(doc: Document): HTMLLinkElement {
  let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    doc.head.append(link);
  }
  return link;
}

/** Starts following the state; returns the stop. */
export function watchTabTray(doc: Document = document): () => void {
  let shown: TabLook = { title: doc.title, iconHref: null };
  const apply = (): void => {
    const look = tabLook(useSummaryStore.getState().summary, useProjectionStore.getState().connection);
    if (look.title !== shown.title) doc.title = look.title;
    if (look.iconHref !== null && look.iconHref !== shown.iconHref) {
      const link = faviconLink(doc);
      link.type = 'image/png';
      link.href = look.iconHref;
    }
    shown = { title: look.title, iconHref: look.iconHref ?? shown.iconHref };
  };
  apply();
  const stopSummary = useSummaryStore.subscribe((state, previous) => {
    if (state.summary !== previous.summary) apply();
  });
  const stopConnection = useProjectionStore.subscribe((state, previous) => {
    if (state.connection !== previous.connection) apply();
  });
  return () => {
    stopSummary();
    stopConnection();
  };
}
