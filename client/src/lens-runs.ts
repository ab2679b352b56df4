/**
 * Runs started from a code lens look like runs from the palette: the lens carries the server's
 * command (any LSP client can run it), and this middleware hands it to the extension's own run
 * commands, which show a cancellable notification with the server's progress.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { SERVER_COMMANDS } from '../../server/src/protocol';

/** Routes the server's run command through `releaseGates.runAllGates` / `releaseGates.runGate`. */
export const lensRunMiddleware: Middleware = {
  executeCommand: async (command, args, next) => {
    if (command !== SERVER_COMMANDS.runGates) return next(command, args);
    const [uri, gate] = args as [unknown, unknown];
    return vscode.commands.executeCommand(typeof gate === 'string' ? 'releaseGates.runGate' : 'releaseGates.runAllGates', uri, gate);
  },
};
