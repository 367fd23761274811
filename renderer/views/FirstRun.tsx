/** No servers yet: what the app does, and the first server's form, step by step. */
import { ServerForm } from '../components/ServerForm';

export function FirstRun() {
  return (
    <div className="first-run">
      <h2>Welcome to CIDX Tray</h2>
      <p>
        CIDX Tray watches the background jobs of your CIDX servers — repository syncs, golden repository
        refreshes, index builds — shows their progress, tells you when one finishes or fails, and lets you
        cancel or retry it.
      </p>
      <ol className="first-run__steps">
        <li>Enter the address of your CIDX server (for example https://cidx.example.com).</li>
        <li>
          Sign in with an API key (best: it does not expire; create one in the CIDX web UI) or with your
          username and password. Accounts with multi-factor sign-in need an API key.
        </li>
        <li>Test the connection, then add the server. Its jobs appear here within seconds.</li>
      </ol>
      <ServerForm onDone={() => undefined} />
    </div>
  );
}
