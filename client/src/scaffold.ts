/**
 * "New Release Card": four questions (release id, owner, model URI, profile), then a card written
 * from the template beside the workspace's other files and opened. The answers are checked with
 * the schema's own patterns, so a card never starts with a schema error.
 */
import * as vscode from 'vscode';
import schema from '../../schemas/release-card.schema.json';
import { cardTemplate, type CardAnswers, type CardProfile } from './card-template';

/** A pattern from the schema's definitions (the one source of truth for ids and model URIs). */
function schemaPattern(name: 'safeId' | 'modelUri'): RegExp {
  return new RegExp((schema.definitions[name] as { pattern: string }).pattern);
}

/** Asks one question; undefined when the user cancels. */
function ask(prompt: string, value: string, check: (text: string) => string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: 'New Release Card', prompt, value, ignoreFocusOut: true, validateInput: (t) => check(t.trim()) }).then((t) => t?.trim());
}

/** Asks the four questions; undefined as soon as one is cancelled. */
async function askAnswers(): Promise<CardAnswers | undefined> {
  const id = schemaPattern('safeId');
  const today = new Date().toISOString().slice(0, 10);
  const releaseId = await ask('Release id (letters, digits, ".", "_", "-"); a changed bundle is a new release', `ml-${today}.1`, (t) =>
    id.test(t) ? undefined : 'Use letters, digits, ".", "_" and "-", starting with a letter or digit.');
  if (releaseId === undefined) return undefined;
  const owner = await ask('Owner: the team or person who answers for this release', '', (t) => (t.length > 0 ? undefined : 'Name an owner, for example team-churn-ml or @alice.'));
  if (owner === undefined) return undefined;
  const uri = schemaPattern('modelUri');
  const modelUri = await ask('Model URI, for example models:/churn-model/43 or models:/churn-model@candidate', 'models:/', (t) =>
    uri.test(t) ? undefined : 'Use models:/<name>/<version>, models:/<name>@<alias>, runs:/<run_id>/<path> or <scheme>://…');
  if (modelUri === undefined) return undefined;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'full' as CardProfile, description: 'all seven gates required' },
      { label: 'small-internal-service' as CardProfile, description: 'data, quality, performance, rollback; the others deferred with an owner and deadline' },
    ],
    { title: 'New Release Card', placeHolder: 'Profile', ignoreFocusOut: true },
  );
  return picked === undefined ? undefined : { releaseId, owner, modelUri, profile: picked.label };
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
 * The command: asks (unless `given` answers already, as tests and other extensions may pass),
 * writes `<release id>.release.yaml` without overwriting, opens it, and returns its URI.
 */
export async function newCard(given?: Partial<CardAnswers> & { folder?: vscode.Uri }): Promise<vscode.Uri | undefined> {
  const complete = given?.releaseId && given.owner && given.modelUri && given.profile;
  const answers = complete ? (given as CardAnswers) : await askAnswers();
  const folder = given?.folder ?? targetFolder();
  if (answers === undefined) return undefined;
  if (folder === undefined) {
    void vscode.window.showErrorMessage('Release Gates: open a folder first; a card lives beside its evidence.');
    return undefined;
  }
  const file = vscode.Uri.joinPath(folder, `${answers.releaseId}.release.yaml`);
  if (await exists(file)) {
    void vscode.window.showErrorMessage(`Release Gates: ${vscode.workspace.asRelativePath(file)} already exists; it was left as it is.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(cardTemplate(answers)));
  await vscode.window.showTextDocument(file);
  return file;
}
