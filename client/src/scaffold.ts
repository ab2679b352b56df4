/**
 * "New Release Card": five questions (release id, owner, model URI, profile, kind), then a card
 * written beside the workspace's other files and opened. The server checks each answer as it is
 * typed and writes the text (the template `release-gates init` uses), so the client holds neither
 * the schema nor the template.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CardTemplateRequest, type CardTemplateParams, type CardTemplateResult } from '../../server/src/protocol';

/** The answers, as the command accepts them from tests and other extensions. */
export type NewCardAnswers = CardTemplateParams & { folder?: vscode.Uri };

/** Asks the server about the answers given so far. */
function ask(client: LanguageClient, answers: CardTemplateParams): Promise<CardTemplateResult> {
  return client.sendRequest(CardTemplateRequest, answers);
}

/** One typed question, checked by the server as the user types; undefined when cancelled. */
async function askText(client: LanguageClient, field: 'releaseId' | 'owner' | 'modelUri', prompt: string, value: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'New Release Card', prompt, value, ignoreFocusOut: true,
    validateInput: async (text) => (await ask(client, { [field]: text.trim() })).problems[0]?.message,
  });
  return typed?.trim();
}

/** Asks the five questions; undefined as soon as one is cancelled. */
async function askAnswers(client: LanguageClient): Promise<CardTemplateParams | undefined> {
  const start = await ask(client, {});
  const releaseId = await askText(client, 'releaseId', 'Release id (letters, digits, ".", "_", "-"); a changed bundle is a new release', start.defaultReleaseId);
  if (releaseId === undefined) return undefined;
  const owner = await askText(client, 'owner', 'Owner: the team or person who answers for this release', '');
  if (owner === undefined) return undefined;
  const modelUri = await askText(client, 'modelUri', 'Model URI, for example models:/churn-model/43 or models:/churn-model@candidate', 'models:/');
  if (modelUri === undefined) return undefined;
  const profile = await vscode.window.showQuickPick(start.profiles, { title: 'New Release Card', placeHolder: 'Profile', ignoreFocusOut: true });
  if (profile === undefined) return undefined;
  const kind = await vscode.window.showQuickPick(start.kinds, { title: 'New Release Card', placeHolder: 'Kind of model', ignoreFocusOut: true });
  return kind === undefined ? undefined : { releaseId, owner, modelUri, profile: profile.label, kind: kind.label };
}

/** The folder a new card goes to: the active file's folder inside the workspace, else the first folder. */
function targetFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active) !== undefined) return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** True when a file exists. */
async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * The command: asks (unless `given` answers already, as tests and other extensions may pass; the
 * kind defaults to classification), writes `<release id>.release.yaml` without overwriting, opens
 * it, and returns its URI.
 */
export async function newCard(client: LanguageClient, given?: NewCardAnswers): Promise<vscode.Uri | undefined> {
  const complete = given?.releaseId && given.owner && given.modelUri && given.profile;
  const answers = complete ? { kind: 'classification', ...given } : await askAnswers(client);
  const folder = given?.folder ?? targetFolder();
  if (answers === undefined) return undefined;
  if (folder === undefined) {
    void vscode.window.showErrorMessage('Release Gates: open a folder first; a card lives beside its evidence.');
    return undefined;
  }
  const { releaseId, owner, modelUri, profile, kind } = answers;
  const result = await ask(client, { releaseId, owner, modelUri, profile, kind });
  if (result.text === undefined) {
    void vscode.window.showErrorMessage(`Release Gates: no card was written: ${result.problems.map((p) => p.message).join(' ') || 'the language server did not answer.'}`);
    return undefined;
  }
  const file = vscode.Uri.joinPath(folder, `${releaseId}.release.yaml`);
  if (await exists(file)) {
    void vscode.window.showErrorMessage(`Release Gates: ${vscode.workspace.asRelativePath(file)} already exists; it was left as it is.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(result.text));
  await vscode.window.showTextDocument(file);
  return file;
}
