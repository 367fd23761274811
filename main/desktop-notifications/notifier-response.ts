/**
 * What the person did with a banner, from node-notifier's callback. Its answers differ per
 * backend: terminal-notifier (macOS) reports `activationType: 'actionClicked'` with the button
 * label in `activationValue` (and node-notifier folds that into the response 'activate', like a
 * click on the body); SnoreToast (Windows) reports the button label itself as the response.
 */
import { BUTTON_LABELS, type ButtonAction } from './notifier-options';

export interface NotifierMetadata {
  activationType?: string;
  activationValue?: string;
}

export type NotifierAnswer = { kind: 'click' } | { kind: 'action'; action: ButtonAction } | null;

function actionNamed(label: string | undefined): ButtonAction | null {
  if (!label) return null;
  const wanted = label.trim().toLowerCase();
  for (const action of Object.keys(BUTTON_LABELS) as ButtonAction[]) {
    if (BUTTON_LABELS[action].toLowerCase() === wanted) return action;
  }
  return null;
}

export function interpretNotifierAnswer(response: unknown, metadata: unknown): NotifierAnswer {
  const meta = (metadata && typeof metadata === 'object' ? metadata : {}) as NotifierMetadata;
  if (meta.activationType === 'actionClicked') {
    const action = actionNamed(meta.activationValue);
    return action ? { kind: 'action', action } : null;
  }
  if (typeof response !== 'string') return null;
  const fromLabel = actionNamed(response);
  if (fromLabel) return { kind: 'action', action: fromLabel };
  return response === 'activate' ? { kind: 'click' } : null;
}
