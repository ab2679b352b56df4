import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './editor';

/** The manifest as the editor loaded it: what VS Code decides trust, activation and entry from. */
function manifest(): { extension: vscode.Extension<unknown>; json: Record<string, any> } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this editor`);
  return { extension, json: extension.packageJSON as Record<string, any> };
}

describe('manifest', () => {
  it('declares limited support for untrusted workspaces, with the reason', () => {
    const trust = manifest().json['capabilities']?.['untrustedWorkspaces'];
    assert.equal(trust?.supported, 'limited');
    assert.match(String(trust?.description), /restricted mode/i);
  });

  it('declares limited support for virtual workspaces, with the reason', () => {
    const virtual = manifest().json['capabilities']?.['virtualWorkspaces'];
    assert.equal(virtual?.supported, 'limited');
    assert.ok(String(virtual?.description).length > 0);
  });

  it('activates on workspaces that contain cards', () => {
    const events = manifest().json['activationEvents'] as string[];
    assert.ok(events.includes('workspaceContains:**/release-card.{yaml,yml}'), JSON.stringify(events));
    assert.ok(events.includes('workspaceContains:**/*.release.{yaml,yml}'), JSON.stringify(events));
  });

  it('ships the client and server bundles it starts', () => {
    const { extension, json } = manifest();
    assert.ok(existsSync(join(extension.extensionPath, String(json['main']))), `missing ${json['main']}`);
    assert.ok(existsSync(join(extension.extensionPath, 'dist/server.js')), 'missing dist/server.js');
  });
});
