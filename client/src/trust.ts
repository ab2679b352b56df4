/**
 * Workspace trust. In Restricted Mode cards are still validated, but no gate reads evidence: the
 * server is told through `releaseGates.trusted`, which is not a user setting but comes from the
 * editor's trust state. The client adds it to the `releaseGates` section wherever the server reads
 * that section: the initialization options, `workspace/configuration` answers and pushed changes.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient, type Middleware } from 'vscode-languageclient/node';

/** The `releaseGates` section as plain JSON, plus `trusted` from the editor's trust state. */
export function settingsSection(): Record<string, unknown> {
  // WorkspaceConfiguration carries methods beside the values; a JSON round trip keeps the values.
  const config = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('releaseGates'))) as Record<string, unknown>;
  return { ...config, trusted: vscode.workspace.isTrusted };
}

/** Answers `workspace/configuration` with `trusted` added to the `releaseGates` section. */
export const trustMiddleware: Middleware = {
  workspace: {
    configuration: async (params, token, next) => {
      const answers = await next(params, token);
      if (!Array.isArray(answers)) return answers;
      return params.items.map((item, i) => {
        if (item.section === 'releaseGates') return { ...(answers[i] as Record<string, unknown> | null), trusted: vscode.workspace.isTrusted };
        if (item.section === 'releaseGates.trusted') return vscode.workspace.isTrusted;
        return answers[i];
      });
    },
  },
};

/** Tells the server when the user trusts the workspace, so gates may run without a restart. */
export function forwardTrustGrants(client: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    // A server that pulls configuration re-reads the section (and gets `trusted` from the
    // middleware); one that does not reads the pushed settings.
    void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { releaseGates: settingsSection() } });
  });
}

/** The message shown instead of running gates in Restricted Mode. */
export const RESTRICTED_MESSAGE =
  'Release Gates: this workspace is in Restricted Mode, so gates do not run: a run reads evidence files that the card points to. Cards are still validated. Trust the workspace to run gates.';

/**
 * True when gates may run; otherwise explains why not (with a way to manage trust) and returns
 * false. The message is not awaited, so a command returns at once.
 */
export function mayRunGates(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(RESTRICTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
    if (choice !== undefined) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
