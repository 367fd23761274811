/**
 * Browser mode kept this page out for its token: say why and what to do, instead of
 * "reconnecting…" for ever (retrying can never help; only the printed address can).
 */
import { ACCESS_REFUSAL_WORDS, type AccessRefusal } from '../bridge/connectionState';

export function AccessRefused({ refusal }: { refusal: AccessRefusal }) {
  const words = ACCESS_REFUSAL_WORDS[refusal];
  // The first-run page's layout: a centred column of text, all this page needs.
  return (
    <div className="first-run" role="alert" aria-labelledby="access-refused-title">
      <h2 id="access-refused-title">Open the address CIDX Tray printed</h2>
      <p>{words.why}</p>
      <p>{words.todo}</p>
      <p>
        It is the line that starts with <code>CIDX Tray (browser mode):</code> in the terminal where browser
        mode runs (<code>npm run web</code> or <code>npm run demo:web</code>). Paste it into this tab: the
        page connects without a reload.
      </p>
    </div>
  );
}
