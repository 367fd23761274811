/** The window: first run when there is no server, otherwise the views behind tabs. */
import { isAccessRefusal } from './bridge/connectionState';
import { ConnectionStatus } from './components/ConnectionStatus';
import { DataAge } from './components/DataAge';
import { IssuesBanner } from './components/IssuesBanner';
import { LiveRegion } from './components/LiveRegion';
import { NavTabs, panelId, tabId } from './components/NavTabs';
import { useProjectionStore } from './stores/projectionStore';
import { selectOldestSuccessAt, useServersStore } from './stores/serversStore';
import { useUiStore, type ViewName } from './stores/uiStore';
import { AccessRefused } from './views/AccessRefused';
import { FirstRun } from './views/FirstRun';
import { JobsView } from './views/JobsView';
import { ServersView } from './views/ServersView';
import { SettingsView } from './views/SettingsView';
import { SyncView } from './views/SyncView';

function CurrentView({ view }: { view: ViewName }) {
  switch (view) {
    case 'jobs':
      return <JobsView />;
    case 'sync':
      return <SyncView />;
    case 'servers':
      return <ServersView />;
    case 'settings':
      return <SettingsView />;
  }
}

function Content() {
  const loaded = useProjectionStore((s) => s.version !== null);
  const hasServers = useServersStore((s) => s.servers.length > 0);
  const view = useUiStore((s) => s.view);
  const connection = useProjectionStore((s) => s.connection);
  // Data from before a refusal can never update again: the way back in comes first.
  if (isAccessRefusal(connection)) return <AccessRefused refusal={connection} />;
  if (!loaded) return <p role="status">Loading…</p>;
  if (!hasServers) return <FirstRun />;
  return (
    <div className="layout">
      <NavTabs />
      <section role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} className="panel">
        <CurrentView view={view} />
      </section>
    </div>
  );
}

export function App() {
  const oldestSuccessAt = useServersStore(selectOldestSuccessAt);
  const loaded = useProjectionStore((s) => s.version !== null);
  return (
    <div className="app">
      <header className="app__header">
        <h1>CIDX Tray</h1>
        {loaded && <DataAge at={oldestSuccessAt} label="Data updated" />}
        <ConnectionStatus />
      </header>
      <IssuesBanner />
      <main className="app__main">
        <Content />
      </main>
      <LiveRegion />
    </div>
  );
}
